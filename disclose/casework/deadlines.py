"""Due dates for each stage of a request, in working days from the council
profile's time limits (issue 7, item 1).

Each due date is worked out here, from when the stage started, the limit, the
bank holidays on the way, the days the clock was stopped and any extension.
Every stage says which bank holidays it skipped. Each step keeps the result
in the database for lists to sort by (deadlines_stored.py); this stays the rule.

| stage        | starts                                   | done when                          |
|--------------|------------------------------------------|------------------------------------|
| acknowledge  | received                                 | the requestor is first contacted   |
| basic_facts  | received                                 | basic facts shared, or forwarded   |
| csm_decision | forwarded (closed cases, 2.1.2, 2.1.3)   | the CSM decides                    |
| supply       | approved; forwarded on an open case 2.1.1| the information is supplied        |
| hard_copies  | the worker lists the copies (2.2)        | refused, redirected, or all sent   |
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from disclose.council.models import CouncilProfile
from disclose.procedure import hard_copies as hc_rules
from disclose.procedure import states
from disclose.procedure.working_days import (
    StoppedClock,
    add_working_days,
    bank_holidays_between,
    merged,
    working_days_between,
)
from disclose.records.models import Staff

from .models import (
    ClockStop,
    Disclosure,
    Extension,
    HardCopyList,
    IdentityCheck,
    Message,
    Request,
    RequestSubject,
    Stage,
)

_FINISHED_ITEMS = frozenset({hc_rules.DISPATCHED, hc_rules.REFUSED, hc_rules.THIRD_PARTY_DECLINED})


@dataclass(frozen=True)
class StageDeadline:
    stage: str
    label: str
    subject: int | None  # the part's number; None for the whole request
    holder: Staff | None  # who must act before it is done
    started_on: date
    limit: int  # working days
    due: date | None  # None while the clock is stopped
    done_on: date | None
    overdue: bool
    bank_holidays: tuple[tuple[date, str], ...]
    days_stopped: int  # working days that did not count
    stopped: bool = False  # the clock is stopped now
    extension: Extension | None = None
    extended: bool = False  # kept when stored, where the Extension itself is not
    taken: int = 0  # working days taken, to done or to today, less days stopped

    @property
    def late(self) -> bool:
        return bool(self.done_on and self.due and self.done_on > self.due)

    @property
    def open(self) -> bool:
        return self.done_on is None


def deadline_queryset() -> QuerySet[Request]:
    """Requests with everything deadlines_for reads, in a fixed number of queries."""
    subjects = RequestSubject.objects.select_related("assignee__team", "team")
    lists = HardCopyList.objects.select_related("approver__team", "subject").prefetch_related(
        "items__dispatch"
    )
    # Only the dates are read: not the texts of messages and disclosures.
    checks = IdentityCheck.objects.only("request_id", "subject_id", "checked_at")
    return Request.objects.select_related("owner__team").prefetch_related(
        Prefetch("subjects", queryset=subjects),
        Prefetch("hard_copy_lists", queryset=lists),
        Prefetch("identity_checks", queryset=checks),
        Prefetch("messages", queryset=messages_sent()),
        Prefetch("disclosures", queryset=disclosures_made()),
        "clock_stops",
        Prefetch("extensions", queryset=Extension.objects.select_related("by")),
    )


def messages_sent() -> QuerySet[Message]:
    """Of the messages to the requestor, only what the time limits read: when
    each was sent (the first is the acknowledgement)."""
    return Message.objects.only("request_id", "created_at")


def disclosures_made() -> QuerySet[Disclosure]:
    """Of the disclosures, only what the time limits read: which were basic
    facts, and when."""
    return Disclosure.objects.only("request_id", "kind", "disclosed_at")


def deadlines_for(
    request: Request,
    *,
    today: date | None = None,
    limits: dict | None = None,
) -> list[StageDeadline]:
    """Every stage of this request that has started, in order. Callers reading
    many requests pass `limits`, and the requests from deadline_queryset()."""
    today = today or timezone.localdate()
    if limits is None:
        limits = CouncilProfile.current().time_limits or {}
    subjects = list(request.subjects.all())
    # When it was forwarded is kept on each part (the audit trail is never read).
    forwarded_on = _earliest(p.forwarded_at for p in subjects)
    stops = list(request.clock_stops.all())
    extensions = list(request.extensions.all())
    build = _Builder(limits, today, stops, extensions)
    rows = [build.acknowledge(request)]
    if not request.outcome_route:  # redirected at receipt: nothing more to do
        rows.append(build.basic_facts(request, forwarded_on))
    for part in subjects:
        if part.forwarded_at is not None:
            rows += build.part_stages(part, _day(part.forwarded_at))
    for hard_copy_list in request.hard_copy_lists.all():
        rows.append(build.hard_copies(hard_copy_list, request.withdrawn_at))
    return [row for row in rows if row is not None]


@dataclass
class _Builder:
    limits: dict
    today: date
    stops: list[ClockStop]
    extensions: list[Extension]

    def acknowledge(self, request: Request) -> StageDeadline | None:
        # The first contact: the SCIMT's identity check, or (a request made directly
        # to the worker, who logged it: section 1) the worker's own check.
        firsts = [
            c.checked_at
            for c in request.identity_checks.all()
            if c.subject_id is None or c.checked_by_id == request.owner_id
        ]
        firsts += [m.created_at for m in request.messages.all()]
        return self.make(
            Stage.ACKNOWLEDGE,
            None,
            request.received,
            _earliest(firsts + [request.closed_at, request.withdrawn_at]),
            request.owner,
        )

    def basic_facts(self, request: Request, forwarded_on: date | None) -> StageDeadline | None:
        shared = [
            d.disclosed_at
            for d in request.disclosures.all()
            if d.kind in ("basic_information", "not_known")
        ]
        done = _earliest(shared + [request.closed_at, request.withdrawn_at])
        if forwarded_on and (done is None or forwarded_on < done):
            done = forwarded_on
        # A request narrowed to specific information (section 1) starts again then.
        started = _day(request.narrowed_at) if request.narrowed_at else request.received
        return self.make(Stage.BASIC_FACTS, None, started, done, request.owner)

    def part_stages(self, part: RequestSubject, forwarded_on: date) -> list[StageDeadline | None]:
        rows = []
        holder = part.assignee if part.state not in states.FINISHED_PART_STATES else None
        decided = _day(part.decided_at) if part.decided_at else None
        # A part that ended without information waits on nobody from then on.
        ended = _day(part.ended_at) if part.ended_at else None
        if part.route.startswith("closed_"):
            rows.append(self.make(Stage.CSM_DECISION, part, forwarded_on, decided or ended, holder))
        if part.route.startswith("open:"):
            supply_from = forwarded_on
        elif part.decision == "approve" and decided:
            supply_from = decided
        else:
            return rows
        supplied = _day(part.supplied_at) if part.supplied_at else None
        rows.append(self.make(Stage.SUPPLY, part, supply_from, supplied or ended, holder))
        return rows

    def hard_copies(self, hard_copy_list: HardCopyList, withdrawn_at) -> StageDeadline | None:
        state = hard_copy_list.state
        done, holder = None, None
        if state == hc_rules.REDIRECTED:
            done = hard_copy_list.listed_at
        elif state == hc_rules.REFUSED:
            done = hard_copy_list.decided_at
        elif state == hc_rules.AWAITING_APPROVAL:
            holder = hard_copy_list.approver
        else:
            items = list(hard_copy_list.items.all())
            if items and all(i.status in _FINISHED_ITEMS for i in items):
                sent = [i.dispatch.at for i in items if i.dispatch_id]
                done = max(sent) if sent else hard_copy_list.decided_at
        if done is None and withdrawn_at is not None:
            done, holder = withdrawn_at, None  # the requestor withdrew: nothing more is sent
        started = _day(hard_copy_list.listed_at)
        return self.make(Stage.HARD_COPIES, hard_copy_list.subject, started, done, holder)

    def make(self, stage, part, started: date, done, holder) -> StageDeadline | None:
        limit = self.limits.get(stage.value)
        if limit is None:
            return None  # this council sets no limit for the stage
        done_on = _day(done) if isinstance(done, datetime) else done
        number = part.number if part is not None else None
        stops = [
            s for s in self.stops if s.subject_id is None or (part and s.subject_id == part.pk)
        ]
        clocks = [StoppedClock(s.stopped_on, s.restarted_on or done_on) for s in stops]
        stopped_now = any(c.end is None for c in clocks)
        due = add_working_days(started, int(limit), stopped=clocks).due
        extension = self._extension(stage, number)
        if extension is not None and not stopped_now:
            due = extension.new_due
        end = done_on or self.today
        taken, days_stopped = _working_days_taken(started, end, clocks)
        return StageDeadline(
            stage=stage.value,
            label=stage.label,
            subject=number,
            holder=holder if done_on is None else None,
            started_on=started,
            limit=int(limit),
            due=due,
            done_on=done_on,
            overdue=done_on is None and due is not None and self.today > due,
            bank_holidays=bank_holidays_between(started, due or end),
            days_stopped=days_stopped,
            stopped=stopped_now and done_on is None,
            extension=extension,
            extended=extension is not None,
            taken=taken,
        )

    def _extension(self, stage, number: int | None) -> Extension | None:
        found = [
            e for e in self.extensions if e.stage == stage.value and _subject_number(e) == number
        ]
        return found[-1] if found else None


def _subject_number(extension: Extension) -> int | None:
    return extension.subject.number if extension.subject_id else None


def _day(moment) -> date:
    return timezone.localdate(moment) if isinstance(moment, datetime) else moment


def _earliest(moments) -> date | None:
    days = [_day(m) for m in moments if m is not None]
    return min(days) if days else None


def _working_days_taken(start: date, end: date, clocks) -> tuple[int, int]:
    """(working days after start up to end, less those stopped; those stopped)."""
    total = working_days_between(start, end)
    stopped = 0
    for first, last in merged((c.start, c.end or end + _DAY) for c in clocks):
        # The clock covers first <= day < last (StoppedClock.covers).
        stopped += working_days_between(max(start, first - _DAY), min(end, last - _DAY))
    return total - stopped, stopped


_DAY = timedelta(days=1)
