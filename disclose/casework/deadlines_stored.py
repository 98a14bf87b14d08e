"""Due dates kept in the database (issue 11, item 3), so that My work, the
dashboard and the reminders job sort, count and filter by them in SQL rather
than working out every request's deadlines on every page.

`store(request)` writes one request's `Deadline` rows from deadlines_for(),
the one rule, and the earliest open due date among them on the request
(`Request.next_due`), which the lists sort by. Each step calls it last, inside its own transaction, with the
request row locked (steps/_base.py), so the rows change exactly when what they
are worked out from changes. A change to the council's time limits writes
every request's again (`store_all`). `read(row, today)` gives a stored row
back as the StageDeadline the templates and the reminders know.

Rows never depend on today: `due < today` is asked when read.
"""

from datetime import date

from django.db.models import F, QuerySet

from disclose.council.models import CouncilProfile
from disclose.procedure.working_days import working_days_between

from .deadlines import StageDeadline, deadline_queryset, deadlines_for
from .models import Deadline, Request, Stage

_LABELS = dict(Stage.choices)


def store(request: Request, *, limits: dict | None = None) -> None:
    """Write this request's stored due dates from deadlines_for()."""
    stored = _store_many(deadline_queryset().filter(pk=request.pk), limits)
    # The caller's copy too, so that a later save() of it keeps the new date.
    request.next_due = stored.get(request.pk)


def store_all(*, only: list[int] | None = None, batch: int = 500) -> int:
    """Every request's (or those with ids in `only`), again: after the time
    limits change, and to fill the table."""
    if only is not None and not only:
        return 0
    limits = CouncilProfile.current().time_limits or {}
    ids = only if only is not None else Request.objects.values_list("pk", flat=True)
    ids = sorted(ids)
    for start in range(0, len(ids), batch):
        _store_many(deadline_queryset().filter(pk__in=ids[start : start + batch]), limits)
    return len(ids)


def _store_many(requests: QuerySet[Request], limits: dict | None) -> dict[int, date | None]:
    """Write these requests' Deadline rows and next_due; gives each one's next_due."""
    if limits is None:
        limits = CouncilProfile.current().time_limits or {}
    cases = list(requests)
    rows = []
    changed = []
    for case in cases:
        parts = {p.number: p.pk for p in case.subjects.all()}
        deadlines = deadlines_for(case, limits=limits)
        earliest = min((d.due for d in deadlines if d.done_on is None and d.due), default=None)
        if case.next_due != earliest:
            case.next_due = earliest
            changed.append(case)
        for d in deadlines:
            rows.append(
                Deadline(
                    request=case,
                    part_id=parts.get(d.subject),
                    subject=d.subject,
                    stage=d.stage,
                    started_on=d.started_on,
                    limit=d.limit,
                    due=d.due,
                    done_on=d.done_on,
                    holder=d.holder,
                    stopped=d.stopped,
                    extended=d.extended,
                    days_stopped=d.days_stopped,
                    taken=d.taken if d.done_on else 0,
                )
            )
    Deadline.objects.filter(request__in=cases).delete()
    Deadline.objects.bulk_create(rows, batch_size=500)
    Request.objects.bulk_update(changed, ["next_due"], batch_size=500)
    return {case.pk: case.next_due for case in cases}


def read(row: Deadline, today: date) -> StageDeadline:
    """A stored row as deadlines_for() would give it today (without the bank
    holidays on the way, which only the request page shows)."""
    if row.done_on is not None:
        taken = row.taken
    else:
        taken = max(0, working_days_between(row.started_on, today) - row.days_stopped)
    return StageDeadline(
        stage=row.stage,
        label=_LABELS.get(row.stage, row.stage),
        subject=row.subject,
        holder=row.holder,
        started_on=row.started_on,
        limit=row.limit,
        due=row.due,
        done_on=row.done_on,
        overdue=row.done_on is None and row.due is not None and today > row.due,
        bank_holidays=(),
        days_stopped=row.days_stopped,
        stopped=row.stopped,
        extended=row.extended,
        taken=taken,
    )


def open_deadlines() -> QuerySet[Deadline]:
    return Deadline.objects.filter(done_on__isnull=True)


def with_next_due(rows: QuerySet) -> QuerySet:
    """Rows of a model with a `request` (a part, a hard copy list) given their
    request's stored `next_due`; requests have it already."""
    if rows.model is Request:
        return rows
    return rows.annotate(next_due=F("request__next_due"))


def overdue_first() -> list:
    """order_by() terms for rows with `next_due`: overdue first, then by due
    date, those with none last. Earliest due first is all it takes: every date
    before today (overdue) sorts before today and after it."""
    return [F("next_due").asc(nulls_last=True)]
