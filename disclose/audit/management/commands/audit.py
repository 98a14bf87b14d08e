from django.core.management.base import BaseCommand, CommandError

from disclose.audit.log import verify


class Command(BaseCommand):
    help = "Audit trail tools. `disclose audit verify` proves the hash chain is intact."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = verify()
        if not result.ok:
            raise CommandError(f"Audit chain broken: {result.problem}.")
        self.stdout.write(f"Audit chain verified: {result.events} events, none altered or missing.")
