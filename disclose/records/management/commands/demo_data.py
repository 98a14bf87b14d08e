"""`disclose demo-data OUTFOLDER --persons N [--seed S]`: write a synthetic extract."""

import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclose.records.demo import generate_extract


class Command(BaseCommand):
    help = (
        "Write a synthetic county's records as an SSD-shaped extract, ready for "
        "`disclose import-records`. The same seed and --as-of date give the same files."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="where to write the CSV files")
        parser.add_argument("--persons", type=int, required=True, help="how many people")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="the extract's date, YYYY-MM-DD (default: today)",
        )

    def handle(self, *args, folder: Path, persons: int, seed: int, as_of, **options):
        if persons < 1:
            raise CommandError("--persons must be 1 or more.")
        started = time.monotonic()
        rows = generate_extract(folder, persons, seed=seed, as_of=as_of, show_progress=None)
        for name, count in rows.items():
            self.stdout.write(f"{name:<30}{count:>12,}")
        seconds = time.monotonic() - started
        self.stdout.write(f"Wrote {persons:,} people to {folder} in {seconds:.1f} seconds.")
