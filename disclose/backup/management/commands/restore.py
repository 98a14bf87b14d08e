"""`disclose restore INFILE`: a backup into a new, empty, migrated database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclose.audit.log import verify
from disclose.audit.tables import plural
from disclose.backup.archive import BackupError
from disclose.backup.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into a new, empty database (run `disclose migrate` first). "
        "Refuses if the database or the documents folder already holds anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("infile", type=Path, help="An archive written by `disclose backup`.")

    def handle(self, *args, **options):
        try:
            result = restore_backup(options["infile"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        made = result.manifest
        self.stdout.write(
            f"Restored the backup made at {made.created_at} by Disclose {made.disclose_version}.\n"
            f"Counts match the backup: {result.rows} rows in {result.tables} tables.\n"
            f"Audit chain verified: {result.audit_events} events, ending at event "
            f"{made.audit_head['seq']} as in the backup.\n"
            f"Documents restored: {plural(result.documents, 'file')}."
        )
        # The chain verified on its own; this installation's checkpoints may have seen more.
        anchored = verify()
        if not anchored.ok:
            self.stderr.write(
                f"Warning: the audit checkpoints show more than this backup holds: "
                f"{anchored.problem}. Record the loss with your information governance lead "
                "(docs/deploy-database.md, Checkpoints)."
            )
