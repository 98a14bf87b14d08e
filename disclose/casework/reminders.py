"""Reminders and escalation (issue 7, item 3), run by the background worker.

- Before a task is due (REMIND_BEFORE working days), an email to its holder.
- Once it is overdue, an email to the holder's manager: the team manager of
  their team, or else its CSM. Intake held by an API client's account (no
  team) is the SCIMT's: its manager is told.
- On working days, from DIGEST_HOUR, a digest to each member of staff of
  what waits on them: the DIGEST_ROWS most urgent, and how many in all.

The job reads only what it may write about (issue 11): stages due within
REMIND_BEFORE working days or overdue, and, for a digest not yet sent today,
that holder's most urgent stages. Its time does not grow with the requests
that are closed or far from due.

Each reminder is a `Reminder` row with a unique key, written with its email
in the outbox in one transaction: running the job again, or on two workers at
once, never queues one twice. The worker then sends it like any email.
"""

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from disclose.council.models import CouncilProfile
from disclose.outbox.queue import queue_email
from disclose.procedure import states
from disclose.procedure.working_days import is_working_day, working_days_between
from disclose.records.models import Role, Staff, Team

from . import deadlines_stored
from .deadlines import StageDeadline
from .models import Deadline, Reminder, Request, Stage
from .notify import render

log = logging.getLogger(__name__)

REMIND_BEFORE = 2  # working days before the due date
DIGEST_HOUR = 7  # local time; the digest goes on the first run from then
DIGEST_ROWS = 50  # a digest lists this many, most urgent first; My work has the rest


@dataclass(frozen=True)
class Waiting:
    request: Request
    deadline: StageDeadline


def to_remind(today: date) -> list[Waiting]:
    """The stages due by remind_by(today) whose reminder (due soon, or
    overdue) is not yet written: one query, which reads nothing the job has
    already done, however many stages wait overdue."""
    late = Q(due__lt=today)
    rows = (
        _waiting_rows()
        .filter(due__lte=remind_by(today))
        .alias(
            soon_done=_written(Reminder.Kind.DUE_SOON),
            late_done=_written(Reminder.Kind.OVERDUE),
        )
        .filter((late & Q(late_done=False)) | (~late & Q(soon_done=False)))
    )
    return _read(rows.order_by("request_id", "id"), today)


def reminder_key(kind: str, request_id: int, stage: str, subject: int | None, due: date) -> str:
    # The due date is in the key: after an extension the new date is reminded again.
    return f"{kind}:{request_id}:{stage}:{subject or 0}:{due.isoformat()}"


def _written(kind: str) -> Exists:
    """Whether the outer Deadline row's reminder of this kind is written: the
    fields its reminder_key() is made of."""
    return Exists(
        Reminder.objects.filter(
            kind=kind,
            request_id=OuterRef("request_id"),
            stage=OuterRef("stage"),
            part_number=Coalesce(OuterRef("subject"), 0),
            due=OuterRef("due"),
        )
    )


def _waiting_rows():
    # Hard copies can still be waiting once a request has closed (2.2).
    live = ~Q(request__state=states.CLOSED) | Q(stage=Stage.HARD_COPIES)
    return Deadline.objects.filter(live, done_on__isnull=True, holder__isnull=False)


def _read(rows, today: date) -> list[Waiting]:
    # holder__api_token: whether the holder is an API client (address_of,
    # manager_of) is read with the row, not asked once a row.
    rows = rows.select_related(
        "request", "holder__team__team_manager", "holder__team__csm", "holder__api_token"
    )
    return [Waiting(row.request, deadlines_stored.read(row, today)) for row in rows]


def remind_by(today: date) -> date:
    """The latest due date whose holder is reminded today: REMIND_BEFORE
    working days ahead, and the days off up to the next working day."""
    day = today
    while working_days_between(today, day + timedelta(days=1)) <= REMIND_BEFORE:
        day += timedelta(days=1)
    return day


def address_of(staff: Staff) -> tuple[str, str]:
    """Whom a reminder to this member of staff greets, and where it goes: them.
    A request logged through the API is held at intake by the client account,
    which has no mailbox: that work is the SCIMT's (section 1), so its
    reminders go to the SCIMT's mailbox in the council profile."""
    if not staff.email and _is_api_client(staff):
        profile = CouncilProfile.current()
        return profile.scimt_name, profile.scimt_email
    return staff.display_name, staff.email


def _is_api_client(staff: Staff) -> bool:
    return hasattr(staff, "api_token")


def manager_of(holder: Staff, *, scimt: Callable[[], Staff | None] | None = None) -> Staff | None:
    """The team manager of the holder's team, or else its CSM (never the holder).
    An API client's account belongs to no team: the intake it holds is the
    SCIMT's (address_of), so the SCIMT's manager is told: `scimt()`, which a
    run of the job asks once however many such stages are overdue."""
    if holder.team is None:
        return (scimt or scimt_manager)() if _is_api_client(holder) else None
    return _team_manager(holder.team, holder)


def _team_manager(team: Team, holder: Staff | None = None) -> Staff | None:
    for manager in (team.team_manager, team.csm):
        if manager is not None and manager.is_active and manager != holder:
            return manager
    return None


def scimt_manager() -> Staff | None:
    """Whoever manages the SCIMT, which is responsible for intake (section 1:
    the first point of contact; 2.1: "A request is received by SCIMT"): the
    manager of the team its officers are in, the team most of them are in
    when they are in several. None when no manager is recorded."""
    teams = (
        Team.objects.filter(members__is_active=True, members__roles__code=Role.Code.SCIMT_OFFICER)
        .annotate(officers=Count("members", distinct=True))
        .select_related("team_manager", "csm")
        .order_by("-officers", "name", "pk")
    )
    for team in teams:
        manager = _team_manager(team)
        if manager is not None:
            return manager
    return None


def send_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Write the reminders due now, each with its email in the outbox."""
    now = timezone.localtime(now or timezone.now())
    today = now.date()
    waiting = to_remind(today)
    scimt = functools.cache(scimt_manager)  # for this run: one query, not one a stage
    counts = {"due_soon": 0, "overdue": 0, "digest": 0}
    for item in waiting:
        deadline = item.deadline
        if deadline.due is None:
            continue  # the clock is stopped
        if deadline.overdue:
            manager = manager_of(deadline.holder, scimt=scimt)
            if manager is None and _is_api_client(deadline.holder):
                # Nobody manages the SCIMT in the records: the SCIMT's own
                # mailbox hears it is overdue (address_of), rather than nobody.
                log.warning(
                    "%s is overdue and no SCIMT manager is recorded", item.request.reference
                )
                manager = deadline.holder
            if manager is None:
                log.warning("%s is overdue and no manager is recorded", item.request.reference)
                continue
            counts["overdue"] += _write(
                Reminder.Kind.OVERDUE, manager, item, holder=deadline.holder
            )
        elif working_days_between(today, deadline.due) <= REMIND_BEFORE:
            counts["due_soon"] += _write(Reminder.Kind.DUE_SOON, deadline.holder, item)
    if is_working_day(today) and now.hour >= DIGEST_HOUR:
        counts["digest"] = _write_digests(today)
    return counts


def _write(kind: str, staff: Staff, item: Waiting, **context) -> int:
    deadline = item.deadline
    key = reminder_key(kind, item.request.pk, deadline.stage, deadline.subject, deadline.due)
    subject_line, text = render(
        f"casework/reminders/{kind}.txt",
        {
            "request": item.request,
            "deadline": deadline,
            "dear": address_of(staff)[0],
            **context,
        },
    )
    return _create(
        key=key,
        kind=kind,
        staff=staff,
        request=item.request,
        stage=deadline.stage,
        part_number=deadline.subject or 0,
        due=deadline.due,
        subject_line=subject_line[:200],
        text=text,
    )


def _write_digests(today: date) -> int:
    """Today's digest to each holder who has not had it: their DIGEST_ROWS most
    urgent stages (stopped clocks last) and how many wait in all."""
    waiting = dict(
        _waiting_rows()
        .order_by()
        .values_list("holder_id")
        .annotate(n=Count("id"))
        .values_list("holder_id", "n")
    )
    keys = {pk: f"digest:{pk}:{today.isoformat()}" for pk in waiting}
    done = set(Reminder.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    written = 0
    for pk, total in sorted(waiting.items()):
        if keys[pk] in done:
            continue  # today's went on an earlier run: not rendered again
        urgent = _waiting_rows().filter(holder_id=pk).order_by(F("due").asc(nulls_last=True), "id")
        rows = _read(urgent[:DIGEST_ROWS], today)
        staff = rows[0].deadline.holder
        subject_line, text = render(
            "casework/reminders/digest.txt",
            {
                "rows": rows,
                "dear": address_of(staff)[0],
                "total": total,
                "more": total - len(rows),
                "staff": staff,
                "today": today,
            },
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
            _, to = address_of(staff)
            reminder = Reminder(key=key, staff=staff, to_address=to, **fields)
            request = fields.get("request")
            reminder.outgoing = queue_email(
                to=to,
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
