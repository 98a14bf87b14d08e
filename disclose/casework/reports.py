"""What managers see on the dashboard (issue 7, item 4): requests by agency,
route, stage and outcome, time taken per stage against its limit, what is
overdue, and files out of storage. Read-only; counts only, no personal data
beyond references and staff names. Counted in SQL, from the due dates the
steps store (deadlines_stored.py), so its time does not grow with requests.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Sum

from disclose.council.models import CouncilProfile
from disclose.procedure import states
from disclose.procedure.working_days import working_days_between

from . import deadlines_stored, selectors
from .deadlines import StageDeadline
from .models import Agency, Deadline, FileMovement, Request, RequestSubject, Stage

ROUTES = {
    "open:allocated_worker": "Open case: to the allocated worker (2.1.1)",
    "open:unallocated": "Open case, not allocated: to the team manager",
    "closed_electronic:last_team_csm": "Closed, electronic: last team's CSM (2.1.2)",
    "closed_electronic:dcpt_csm": "Closed, electronic, team gone: DCPT CSM (2.1.2)",
    "closed_mash_only:mash_csm": "MASH enquiry only: MASH CSM (2.1.2)",
    "closed_paper:last_team_csm": "Closed, paper records: last team's CSM (2.1.3)",
    "closed_paper:dcpt_csm": "Closed, paper records, team gone: DCPT CSM (2.1.3)",
    "not_known": "Not known to children's social care",
    "ofsted:worker_details": "Ofsted: given the worker's details (2.3)",
    "ofsted:contact_mash": "Ofsted: asked to contact the MASH (2.3)",
    "ofsted:team_details": "Ofsted: given the team's details (2.3)",
    "redirect:subject_access": "Redirected: their own records",
    "redirect:adoption_records": "Redirected: adoption records",
    "redirect:view_records": "Redirected: to view records",
    "advise:view_records": "Advised to view the records instead",
    "redirect:support_to_schools": "Redirected: Support to Schools",
    "": "Not routed yet",
}

# A request's state as staff read it (procedure/states.py), every state named:
# a state added there is counted under its own words, not its code.
STAGE_WORDS = {state: words.staff for state, words in states.REQUEST_STATE_WORDS.items()}


@dataclass
class StageTime:
    stage: str
    label: str
    limit: int
    done: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    taken_total: int = 0  # working days, over the stages done

    @property
    def average(self) -> float | None:
        return round(self.taken_total / self.done, 1) if self.done else None


@dataclass(frozen=True)
class Overdue:
    reference: str
    deadline: StageDeadline
    days_over: int


@dataclass
class Dashboard:
    start: date
    end: date
    total: int
    by_agency: list[tuple[str, int]]
    by_route: list[tuple[str, int]]
    by_stage: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    stage_times: list[StageTime]
    overdue: list[Overdue]  # one page of them, the longest overdue first
    overdue_count: int
    files_out: list[FileMovement]


def dashboard(
    start: date,
    end: date,
    *,
    today: date,
    within: QuerySet[Request] | None = None,
    overdue_page: int = 1,
    overdue_rows: int = 50,
) -> Dashboard:
    """Every figure counted in SQL, from the stored due dates (issue 11): the
    same number of queries, and rows read, however many requests there are.
    `within` limits it to the requests the viewer may see (issue 15, item 7:
    a team manager's dashboard counts and names only their own work).
    The overdue list is one page of `overdue_rows` (the last, if asked past it)."""
    if within is not None and not within.query.has_filters():
        within = None  # they may see every request: no subquery to limit by
    period = Q(received__gte=start, received__lte=end)
    if within is None:
        requests = Request.objects.filter(period)
        # Parts and stages joined to their request, not matched against a list
        # of every request in the period (SQLite builds that list on each query).
        in_period = Q(request__received__gte=start, request__received__lte=end)
    else:
        # The requests this person may see in the period, found once: each
        # figure is then counted over this list, not over who may see what
        # again (four times the rule's subqueries, for a CSM's dashboard).
        seen = list(within.filter(period).values_list("pk", flat=True))
        requests = Request.objects.filter(pk__any_of=seen)
        in_period = Q(request__any_of=seen)
    parts = RequestSubject.objects.filter(in_period)
    agencies = dict(Agency.choices)
    # One pass over the parts and one over the requests: each grouped query
    # reads every row in the period, so the figures share them.
    by_outcome: Counter = Counter()
    by_route: Counter = Counter()
    outcomes = parts.values_list(
        "request__outcome_route", "decision", "state", "route", "request__state"
    ).annotate(n=Count("id"))
    for *facts, n in outcomes.order_by():
        by_outcome[outcome_of(*facts)] += n
        by_route[ROUTES.get(facts[3], facts[3])] += n
    by_agency: Counter = Counter()
    by_stage: Counter = Counter()
    grouped = requests.order_by().values_list("requestor_agency", "state").annotate(n=Count("id"))
    for agency, state, n in grouped:
        by_agency[agencies.get(agency, agency)] += n
        by_stage[STAGE_WORDS.get(state, state)] += n
    deadlines = Deadline.objects.filter(in_period)
    stage_times, overdue_count = _times(deadlines, today)
    last_page = max(1, -(-overdue_count // overdue_rows))
    first = (min(max(overdue_page, 1), last_page) - 1) * overdue_rows
    overdue = deadlines.filter(done_on__isnull=True, due__lt=today)
    return Dashboard(
        start=start,
        end=end,
        total=sum(by_agency.values()),
        by_agency=_sorted(by_agency),
        by_route=_sorted(by_route),
        by_stage=_sorted(by_stage),
        by_outcome=_sorted(by_outcome),
        stage_times=stage_times,
        overdue=_overdue(overdue, today, first, overdue_rows) if overdue_count else [],
        overdue_count=overdue_count,
        files_out=files_out(within),
    )


def _times(deadlines, today: date) -> tuple[list[StageTime], int]:
    """Time taken per stage against its limit, counted by the database, and
    how many stages of any kind are overdue."""
    limits = CouncilProfile.current().time_limits or {}
    times = {s.value: StageTime(s.value, s.label, int(limits.get(s.value, 0))) for s in Stage}
    done = Q(done_on__isnull=False)
    still_open = Q(done_on__isnull=True)
    counted = (
        deadlines.order_by()
        .values("stage")
        .annotate(
            done=Count("id", filter=done),
            late=Count("id", filter=done & Q(due__isnull=False, done_on__gt=F("due"))),
            taken=Sum("taken", filter=done),
            open=Count("id", filter=still_open),
            overdue=Count("id", filter=still_open & Q(due__lt=today)),
        )
    )
    overdue_count = 0
    for row in counted:
        overdue_count += row["overdue"]
        if row["stage"] not in times:
            continue
        t = times[row["stage"]]
        t.done, t.late, t.open, t.overdue = row["done"], row["late"], row["open"], row["overdue"]
        t.on_time = t.done - t.late
        t.taken_total = row["taken"] or 0
    return [t for t in times.values() if t.stage in limits], overdue_count


def _overdue(rows, today: date, first: int, count: int) -> list[Overdue]:
    page = rows.select_related("request", "holder").order_by("due", "id")
    found = []
    for row in page[first : first + count]:
        deadline = deadlines_stored.read(row, today)
        found.append(Overdue(row.request.reference, deadline, _days_over(deadline, today)))
    return found


def _days_over(deadline: StageDeadline, today: date) -> int:
    return working_days_between(deadline.due, today)


def outcome(request: Request, part: RequestSubject) -> str:
    """What became of one part of a request, in a word or two."""
    return outcome_of(request.outcome_route, part.decision, part.state, part.route, request.state)


def outcome_of(
    outcome_route: str, decision: str, part_state: str, route: str, request_state: str
) -> str:
    if outcome_route:
        return "Redirected or advised at receipt"
    if decision == "decline":
        return "Declined by the CSM"
    if part_state == states.SUPPLIED:
        return "Information supplied"
    if part_state == states.ENDED:
        return "Ended without information"
    if route == "not_known":
        return "Not known"
    if route.startswith("ofsted:"):
        return "Ofsted answered by the SCIMT"
    if request_state == states.CLOSED:
        return "Closed before forward"
    return "In progress"


def files_out(within: QuerySet[Request] | None = None) -> list[FileMovement]:
    """Holdings asked for or out of storage now (2.1.3.3, 2.1.3.5), on the
    requests the viewer may see."""
    waiting = selectors.holdings_waiting()
    if within is not None:
        seen = set(
            within.filter(pk__in={m.request_id for m in waiting}).values_list("pk", flat=True)
        )
        waiting = [m for m in waiting if m.request_id in seen]
    return sorted(waiting, key=lambda m: m.at)


def _grouped(rows, field: str, label) -> list[tuple[str, int]]:
    """How many rows have each value of `field`, under its label, most first."""
    counted: Counter = Counter()
    for value, n in rows.order_by().values_list(field).annotate(n=Count("id")):
        counted[label(value)] += n
    return _sorted(counted)


def _sorted(counted: Counter) -> list[tuple[str, int]]:
    return sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
