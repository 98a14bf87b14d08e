"""Whether the due dates the steps stored (casework/deadlines_stored.py) are
what deadlines_for() works out now, for every request: its Deadline rows and
its next_due, the earliest open due date, which the lists sort by."""

from django.utils import timezone

from disclose.casework import deadlines_stored
from disclose.casework.deadlines import deadline_queryset, deadlines_for
from disclose.casework.models import Deadline


def _facts(d) -> tuple:
    holder = d.holder.pk if d.holder else None
    return (d.stage, d.subject, d.started_on, d.limit, d.due, d.done_on, holder)


def _more(d) -> tuple:
    return (d.stopped, d.extended, d.overdue, d.taken, d.days_stopped)


def stale_deadlines() -> list[str]:
    """Every request whose stored rows differ from the rule, saying how."""
    today = timezone.localdate()
    wrong = []
    for case in deadline_queryset().order_by("pk"):
        worked_out = deadlines_for(case, today=today)
        earliest = min((d.due for d in worked_out if d.done_on is None and d.due), default=None)
        if case.next_due != earliest:
            wrong.append(f"{case.reference}: next due {case.next_due}, worked out {earliest}")
        computed = [_facts(d) + _more(d) for d in worked_out]
        rows = Deadline.objects.filter(request=case).select_related("holder").order_by("id")
        stored = [_facts(r) + _more(deadlines_stored.read(r, today)) for r in rows]
        if sorted(computed, key=repr) != sorted(stored, key=repr):
            wrong.append(f"{case.reference}: stored {stored}, worked out {computed}")
    return wrong
