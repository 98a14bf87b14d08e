"""`disclose import-records FOLDER [--dry-run]` (spec/records-import.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclose.records.importer import import_extract
from disclose.records.importer.reader import ExtractUnreadable
from disclose.records.importer.report import problem_lines, summary_lines


class Command(BaseCommand):
    help = (
        "Import a records extract: Standard Safeguarding Dataset CSV files plus "
        "disclose_teams.csv, disclose_holdings.csv and disclose_person_names.csv. "
        "Nothing is loaded if any row has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="the folder holding the CSV files")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check and report what would change, without saving anything",
        )

    def handle(self, *args, folder: Path, dry_run: bool, **options):
        if not folder.is_dir():
            raise CommandError(f"There is no folder called {folder}.")
        try:
            report = import_extract(folder, dry_run=dry_run)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        except ExtractUnreadable as error:
            self.stderr.write(f"{error} Nothing was imported.")
            raise SystemExit(1) from None
        if not report.ok:
            for line in problem_lines(report):
                self.stderr.write(line)
            raise SystemExit(1)
        for line in summary_lines(report):
            self.stdout.write(line)
