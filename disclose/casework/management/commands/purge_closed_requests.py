"""`disclose purge-closed-requests [--dry-run]` (issue 6, item 8; casework/retention.py).

Purges closed requests kept longer than the council's retention period, leaving
one audit event for each. Run it daily, for example from cron.
"""

from django.core.management.base import BaseCommand
from django.utils import formats

from disclose.casework.retention import Purged, cutoff, purge_closed_requests
from disclose.council.models import CouncilProfile


def _line(purged: Purged) -> str:
    removed = ", ".join(f"{n} {words}" for words, n in purged.counts.items() if n)
    closed = formats.date_format(purged.closed, "j F Y")
    return f"{purged.reference}, closed {closed}: {removed or 'nothing else'}"


class Command(BaseCommand):
    help = (
        "Purge closed requests kept for longer than the council profile's retention "
        "period. Each leaves one audit event with its reference, dates and counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be purged; change nothing"
        )

    def handle(self, *args, dry_run: bool, **options):
        years = CouncilProfile.current().retention_years
        before = formats.date_format(cutoff(years=years), "j F Y")
        purged = purge_closed_requests(dry_run=dry_run)
        for item in purged:
            self.stdout.write(_line(item))
        verb = "would be purged" if dry_run else "purged"
        self.stdout.write(
            f"{len(purged)} request(s) closed before {before} ({years} years) {verb}."
        )
