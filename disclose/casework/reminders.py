"""Reminders and escalation (issue 7, item 3), run by the background worker.

- Before a task is due (REMIND_BEFORE working days), an email to its holder.
- Once it is overdue, an email to the holder's manager: the team manager of
  their team, or else its CSM.
- On working days, from DIGEST_HOUR, a digest to each member of staff of
  everything that waits on them.

Each reminder is a `Reminder` row with a unique key, written with its email
in the outbox in one transaction: running the job again, or on two workers at
once, never queues one twice. The worker then sends it like any email.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from disclose.outbox.queue import queue_email
from disclose.procedure import states
from disclose.procedure.working_days import is_working_day, working_days_between
from disclose.records.models import Staff

from . import deadlines_stored
from .deadlines import StageDeadline
from .models import Deadline, Reminder, Request, Stage
from .notify import render

log = logging.getLogger(__name__)

REMIND_BEFORE = 2  # working days before the due date
DIGEST_HOUR = 7  # local time; the digest goes on the first run from then


@dataclass(frozen=True)
class Waiting:
    request: Request
    deadline: StageDeadline


def open_deadlines(today: date) -> list[Waiting]:
    """Every stage not yet done that has a holder, from the stored due dates:
    read in one query, however many requests are closed."""
    # Hard copies can still be waiting once a request has closed (2.2).
    live = ~Q(request__state=states.CLOSED) | Q(stage=Stage.HARD_COPIES)
    rows = (
        Deadline.objects.filter(live, done_on__isnull=True, holder__isnull=False)
        .select_related("request", "holder__team__team_manager", "holder__team__csm")
        .order_by("request_id", "id")
    )
    return [Waiting(row.request, deadlines_stored.read(row, today)) for row in rows]


def manager_of(holder: Staff) -> Staff | None:
    """The team manager of the holder's team, or else its CSM (never the holder)."""
    team = holder.team
    if team is None:
        return None
    for manager in (team.team_manager, team.csm):
        if manager is not None and manager.is_active and manager.pk != holder.pk:
            return manager
    return None


def send_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Write the reminders due now, each with its email in the outbox."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    waiting = open_deadlines(today)
    counts = {"due_soon": 0, "overdue": 0, "digest": 0}
    written = _written_since(min((w.deadline.due for w in waiting if w.deadline.due), default=None))
    for item in waiting:
        deadline = item.deadline
        if deadline.due is None:
            continue  # the clock is stopped
        if deadline.overdue:
            manager = manager_of(deadline.holder)
            if manager is None:
                log.warning("%s is overdue and no manager is recorded", item.request.reference)
                continue
            counts["overdue"] += _write(
                Reminder.Kind.OVERDUE, manager, item, written, holder=deadline.holder
            )
        elif working_days_between(today, deadline.due) <= REMIND_BEFORE:
            counts["due_soon"] += _write(Reminder.Kind.DUE_SOON, deadline.holder, item, written)
    if is_working_day(today) and now.hour >= DIGEST_HOUR:
        counts["digest"] = _write_digests(today, waiting)
    return counts


def _written_since(earliest_due: date | None) -> set[str]:
    """The keys of reminders already written about stages due from `earliest_due`
    on: one query, so the job never asks row by row (a reminder's key holds
    its due date, so none older can match)."""
    if earliest_due is None:
        return set()
    kinds = [Reminder.Kind.DUE_SOON, Reminder.Kind.OVERDUE]
    found = Reminder.objects.filter(kind__in=kinds, due__gte=earliest_due)
    return set(found.values_list("key", flat=True))


def _write(kind: str, staff: Staff, item: Waiting, written: set[str], **context) -> int:
    deadline = item.deadline
    # The due date is in the key: after an extension the new date is reminded again.
    key = f"{kind}:{item.request.pk}:{deadline.stage}:{deadline.subject or 0}:{deadline.due}"
    if key in written:
        return 0
    subject_line, text = render(
        f"casework/reminders/{kind}.txt",
        {"request": item.request, "deadline": deadline, "staff": staff, **context},
    )
    return _create(
        key=key,
        kind=kind,
        staff=staff,
        request=item.request,
        stage=deadline.stage,
        due=deadline.due,
        subject_line=subject_line[:200],
        text=text,
    )


def _write_digests(today: date, waiting: list[Waiting]) -> int:
    by_holder: dict[int, list[Waiting]] = defaultdict(list)
    for item in waiting:
        by_holder[item.deadline.holder.pk].append(item)
    keys = {pk: f"digest:{pk}:{today.isoformat()}" for pk in by_holder}
    done = set(Reminder.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    written = 0
    for pk, rows in by_holder.items():
        if keys[pk] in done:
            continue  # today's went on an earlier run: not rendered again
        staff = rows[0].deadline.holder
        rows.sort(key=lambda w: (w.deadline.due is None, w.deadline.due or today))
        subject_line, text = render(
            "casework/reminders/digest.txt", {"rows": rows, "staff": staff, "today": today}
        )
        written += _create(
            key=keys[pk],
            kind=Reminder.Kind.DIGEST,
            staff=staff,
            subject_line=subject_line[:200],
            text=text,
        )
    return written


def _create(*, key: str, staff: Staff, **fields) -> int:
    """1 if this reminder is new, 0 if it was written before."""
    if Reminder.objects.filter(key=key).exists():
        return 0
    try:
        with transaction.atomic():
            reminder = Reminder(key=key, staff=staff, to_address=staff.email, **fields)
            request = fields.get("request")
            reminder.outgoing = queue_email(
                to=staff.email,
                subject=reminder.subject_line,
                body=reminder.text,
                kind="reminder",
                description=f"Reminder to {staff.display_name}: {reminder.get_kind_display()}",
                request_reference=request.reference if request else "",
            )
            reminder.save()
    except IntegrityError:
        return 0  # another worker wrote it first
    return 1
