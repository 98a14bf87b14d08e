"""What managers see on the dashboard (issue 7, item 4): requests by agency,
route, stage and outcome, time taken per stage against its limit, what is
overdue, and files out of storage. Read-only; counts only, no personal data
beyond references and staff names.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from disclose.council.models import CouncilProfile
from disclose.procedure import states
from disclose.procedure.working_days import working_days_between

from . import selectors
from .deadlines import StageDeadline, deadline_queryset, deadlines_for
from .models import Agency, FileMovement, Request, RequestSubject, Stage

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
    "redirect:subject_access": "Redirected: their own records",
    "redirect:adoption_records": "Redirected: adoption records",
    "redirect:view_records": "Redirected: to view records",
    "advise:view_records": "Advised to view the records instead",
    "redirect:support_to_schools": "Redirected: Support to Schools",
    "": "Not routed yet",
}

STAGE_WORDS = {
    states.RECEIVED: "Received",
    states.IDENTITY_VERIFIED: "Identity checked",
    states.IDENTITY_NOT_VERIFIED: "Identity not verified",
    states.BASIC_INFORMATION_SHARED: "Basic information shared",
    states.FORWARDED: "Forwarded",
    states.CLOSED: "Closed",
}


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
    days: list[int] = field(default_factory=list)

    @property
    def average(self) -> float | None:
        return round(sum(self.days) / len(self.days), 1) if self.days else None


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
    overdue: list[Overdue]
    files_out: list[FileMovement]


def dashboard(start: date, end: date, *, today: date) -> Dashboard:
    requests = list(deadline_queryset().filter(received__gte=start, received__lte=end))
    parts = [p for r in requests for p in r.subjects.all()]
    agencies = dict(Agency.choices)
    stage_times, overdue = _times(requests, today)
    return Dashboard(
        start=start,
        end=end,
        total=len(requests),
        by_agency=_counted(agencies.get(r.requestor_agency, r.requestor_agency) for r in requests),
        by_route=_counted(ROUTES.get(p.route, p.route) for p in parts),
        by_stage=_counted(STAGE_WORDS.get(r.state, r.state) for r in requests),
        by_outcome=_counted(outcome(r, p) for r in requests for p in r.subjects.all()),
        stage_times=stage_times,
        overdue=overdue,
        files_out=files_out(),
    )


def _times(requests: list[Request], today: date) -> tuple[list[StageTime], list[Overdue]]:
    """Time taken per stage against its limit, and what is overdue now."""
    limits = CouncilProfile.current().time_limits or {}
    times = {s.value: StageTime(s.value, s.label, int(limits.get(s.value, 0))) for s in Stage}
    overdue = []
    for request in requests:
        found = deadlines_for(request, today=today, limits=limits)
        for d in found:
            row = times[d.stage]
            if d.done_on:
                row.done += 1
                row.days.append(d.taken)
                row.late += d.late
                row.on_time += not d.late
            else:
                row.open += 1
                row.overdue += d.overdue
            if d.overdue:
                overdue.append(Overdue(request.reference, d, _days_over(d, today)))
    overdue.sort(key=lambda o: (o.deadline.due, o.reference))
    return [t for t in times.values() if t.stage in limits], overdue


def _days_over(deadline: StageDeadline, today: date) -> int:
    return working_days_between(deadline.due, today)


def outcome(request: Request, part: RequestSubject) -> str:
    """What became of one part of a request, in a word or two."""
    if request.outcome_route:
        return "Redirected or advised at receipt"
    if part.decision == "decline":
        return "Declined by the CSM"
    if part.state == states.SUPPLIED:
        return "Information supplied"
    if part.route == "not_known":
        return "Not known"
    if part.route.startswith("ofsted:"):
        return "Ofsted answered by the SCIMT"
    if request.state == states.CLOSED:
        return "Closed before forward"
    return "In progress"


def files_out() -> list[FileMovement]:
    """Holdings asked for or out of storage now (2.1.3.3, 2.1.3.5)."""
    return sorted(selectors.holdings_waiting(), key=lambda m: m.at)


def _counted(values) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))
