"""Due dates kept in the database (issue 11, item 3), so that My work, the
dashboard and the reminders job sort, count and filter by them in SQL rather
than working out every request's deadlines on every page.

`store(request)` writes one request's `Deadline` rows from deadlines_for(),
the one rule. Each step calls it last, inside its own transaction, with the
request row locked (steps/_base.py), so the rows change exactly when what they
are worked out from changes. A change to the council's time limits writes
every request's again (`store_all`). `read(row, today)` gives a stored row
back as the StageDeadline the templates and the reminders know.

Rows never depend on today: `due < today` is asked when read.
"""

from datetime import date

from django.db.models import F, OuterRef, QuerySet, Subquery

from disclose.council.models import CouncilProfile
from disclose.procedure.working_days import working_days_between

from .deadlines import StageDeadline, deadline_queryset, deadlines_for
from .models import Deadline, Request, Stage

_LABELS = dict(Stage.choices)


def store(request: Request, *, limits: dict | None = None) -> None:
    """Write this request's stored due dates from deadlines_for()."""
    _store_many(deadline_queryset().filter(pk=request.pk), limits)


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


def _store_many(requests: QuerySet[Request], limits: dict | None) -> None:
    if limits is None:
        limits = CouncilProfile.current().time_limits or {}
    cases = list(requests)
    rows = []
    for case in cases:
        parts = {p.number: p.pk for p in case.subjects.all()}
        for d in deadlines_for(case, limits=limits):
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


def next_due(request_field: str = "pk") -> Subquery:
    """The earliest due date of a request's open stages, for .annotate():
    `request_field` names the request's id from the model being listed."""
    return Subquery(
        open_deadlines()
        .filter(request_id=OuterRef(request_field), due__isnull=False)
        .order_by("due")
        .values("due")[:1]
    )


def overdue_first() -> list:
    """order_by() terms for rows annotated with `next_due`: overdue first, then
    by due date, those with none last. Earliest due first is all it takes:
    every date before today (overdue) sorts before today and after it. Saying
    "overdue" as a term of its own made PostgreSQL work out each row's
    `next_due` twice (a third of My work's database time)."""
    return [F("next_due").asc(nulls_last=True)]
