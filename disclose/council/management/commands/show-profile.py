from django.core.management.base import BaseCommand

from disclose.council.profile import profile_as_yaml


class Command(BaseCommand):
    help = "Print the council profile as YAML (load it back, edited, with `disclose load-profile`)."

    def handle(self, *args, **options):
        self.stdout.write(profile_as_yaml(), ending="")
