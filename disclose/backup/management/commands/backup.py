"""`disclose backup OUTFILE`: the database and the documents in one tar.gz archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclose.audit.tables import plural
from disclose.backup.archive import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database and the documents folder into one archive (tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument(
            "outfile", type=Path, help="The archive to write, e.g. disclose-2026-11-25.tar.gz"
        )

    def handle(self, *args, **options):
        try:
            manifest = make_backup(options["outfile"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        head = manifest.audit_head
        self.stdout.write(
            f"Backed up {manifest.rows} rows from {len(manifest.counts)} tables and "
            f"{plural(manifest.documents['files'], 'document')} to {options['outfile']}.\n"
            f"Audit chain head: event {head['seq']}, hash {head['hash']}.\n"
            "The archive holds personal data: keep it as securely as the database."
        )
