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
from django.db.models import Q, QuerySet
from django.utils import timezone

from disclose.council.models import CouncilProfile
from disclose.outbox.queue import queue_email
from disclose.procedure import hard_copies as hc_rules
from disclose.procedure import states
from disclose.procedure.working_days import is_working_day, working_days_between
from disclose.records.models import Staff

from .deadlines import StageDeadline, deadline_queryset, deadlines_for
from .models import Reminder, Request
from .notify import render

log = logging.getLogger(__name__)

REMIND_BEFORE = 2  # working days before the due date
DIGEST_HOUR = 7  # local time; the digest goes on the first run from then


@dataclass(frozen=True)
class Waiting:
    request: Request
    deadline: StageDeadline


def open_deadlines(today: date) -> list[Waiting]:
    """Every stage not yet done that has a due date or a stopped clock, with its holder."""
    requests = list(_live_requests())
    limits = CouncilProfile.current().time_limits or {}
    found = []
    for request in requests:
        for deadline in deadlines_for(request, today=today, limits=limits):
            if deadline.open and deadline.holder is not None:
                found.append(Waiting(request, deadline))
    return found


def _live_requests() -> QuerySet[Request]:
    # Hard copies can still be waiting once a request has closed (2.2).
    waiting_copies = Q(hard_copy_lists__state__in=[hc_rules.AWAITING_APPROVAL, hc_rules.APPROVED])
    return deadline_queryset().filter(~Q(state=states.CLOSED) | waiting_copies).distinct()


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
                Reminder.Kind.OVERDUE, manager, item, holder=deadline.holder
            )
        elif working_days_between(today, deadline.due) <= REMIND_BEFORE:
            counts["due_soon"] += _write(Reminder.Kind.DUE_SOON, deadline.holder, item)
    if is_working_day(today) and now.hour >= DIGEST_HOUR:
        counts["digest"] = _write_digests(today, waiting)
    return counts


def _write(kind: str, staff: Staff, item: Waiting, **context) -> int:
    deadline = item.deadline
    # The due date is in the key: after an extension the new date is reminded again.
    key = f"{kind}:{item.request.pk}:{deadline.stage}:{deadline.subject or 0}:{deadline.due}"
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
    written = 0
    for rows in by_holder.values():
        staff = rows[0].deadline.holder
        rows.sort(key=lambda w: (w.deadline.due is None, w.deadline.due or today))
        subject_line, text = render(
            "casework/reminders/digest.txt", {"rows": rows, "staff": staff, "today": today}
        )
        written += _create(
            key=f"digest:{staff.pk}:{today.isoformat()}",
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
