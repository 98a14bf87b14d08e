"""`disclose record-system report [--from DAY] [--to DAY]`: what was queued for
the council's record system over a range of days (by the day it was queued),
and where each entry stands: delivered, failed, or still waiting."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disclose.outbox.models import Outgoing

GROUPS = [
    ("Failed", [Outgoing.Status.FAILED]),
    ("Waiting", [Outgoing.Status.WAITING, Outgoing.Status.SENDING]),
    ("Delivered", [Outgoing.Status.DELIVERED]),
]


class Command(BaseCommand):
    help = "Report on entries for the council's record system: delivered, failed, waiting."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["report"])
        parser.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (30 days ago)")
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (today)")

    def handle(self, *args, action: str, start: str | None, end: str | None, **options):
        today = timezone.localdate()
        first = _day(start, "--from") if start else today - timedelta(days=30)
        last = _day(end, "--to") if end else today
        if first > last:
            raise CommandError("--from is after --to. Give the earlier day first.")
        rows = list(
            Outgoing.objects.filter(
                channel=Outgoing.Channel.RECORD_SYSTEM,
                created_at__date__gte=first,
                created_at__date__lte=last,
            ).order_by("created_at", "id")
        )
        self.stdout.write(
            f"Record system entries queued from {first:%-d %B %Y} to {last:%-d %B %Y}"
        )
        if not rows:
            self.stdout.write("No entries.")
            return
        for label, statuses in GROUPS:
            self.stdout.write(f"{label}: {sum(r.status in statuses for r in rows)}")
        for label, statuses in GROUPS:
            group = [r for r in rows if r.status in statuses]
            if group:
                self.stdout.write(f"\n{label}")
                for row in group:
                    self.stdout.write(_line(row))


def _line(row: Outgoing) -> str:
    entry = row.payload
    when = timezone.localtime(row.created_at)
    words = [
        f"{when:%Y-%m-%d %H:%M}",
        row.request_reference or "-",
        entry.get("person_record_id") or "-",
        row.kind.replace("_", " "),
        f"id {row.key}",
    ]
    if row.status == Outgoing.Status.DELIVERED and row.delivered_at:
        words.append(f"delivered {timezone.localtime(row.delivered_at):%Y-%m-%d %H:%M}")
    elif row.attempts:
        words.append(f"tried {row.attempts} times: {row.last_error}")
    return "- " + "  ".join(words)


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} must be a day as YYYY-MM-DD, such as 2026-12-01.") from None
