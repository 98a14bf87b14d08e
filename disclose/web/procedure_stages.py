"""Where one request stands in the procedure, step by step, for the picture of it
(issue 5: "a picture of the procedure with this request's position on it").

Read only from what the request page already loads (its subjects, file
movements and hard-copy lists, prefetched), so drawing it costs no queries.
Each step is done, current ("now"), to do, or not needed on this request.
"""

from dataclasses import dataclass, field

from disclose.casework.models import Request, RequestSubject
from disclose.procedure import states as s
from disclose.procedure.steps import STEPS

DONE, CURRENT, TODO, SKIPPED = "done", "current", "todo", "skipped"
STATUS_WORDS = {DONE: "Done", CURRENT: "Now", TODO: "To do", SKIPPED: "Not needed"}
# A text marker for each status, so the picture is read without colour.
STATUS_MARKS = {DONE: "✓", CURRENT: "▶", TODO: "○", SKIPPED: "–"}

# The routes of section 2 (and the redirects of section 1), by the family part of
# RequestSubject.route / Request.outcome_route.
ROUTES = (
    ("open", "Open case", "2.1.1"),
    ("closed_electronic", "Closed: electronic", "2.1.2"),
    ("closed_paper", "Closed: paper", "2.1.3"),
    ("closed_mash_only", "Closed: MASH only", "2.1.2"),
    ("ofsted", "Ofsted", "2.3"),
    ("not_known", "Not known", "1"),
    ("redirect", "Redirected", "1"),
)
_AFTER_ALLOCATION = {s.ALLOCATED, s.IDENTITY_REVERIFIED, s.SUPPLIED}


@dataclass
class Stage:
    key: str
    label: str
    paragraph: str
    status: str = TODO
    note: str = ""

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def mark(self) -> str:
        return STATUS_MARKS[self.status]


@dataclass
class SubjectStages:
    number: int
    name: str
    route: str
    stages: list[Stage] = field(default_factory=list)

    @property
    def route_words(self) -> str:
        return route_words(self.route)


@dataclass
class Position:
    before: list[Stage]  # intake, identity, basic facts, forward
    routes: dict[str, list[int]]  # route family -> subject numbers on it
    subjects: list[SubjectStages]
    close: Stage


def _stage(key: str, step: str) -> Stage:
    """A stage of the picture, named and numbered as its step is declared."""
    spec = STEPS[step]
    return Stage(key, spec.words.picture, spec.paragraph)


def route_words(route: str) -> str:
    """The route's name in the picture, or that it has none yet."""
    names = {key: label for key, label, _ in ROUTES}
    return names.get(family(route), "not yet forwarded") if route else "not yet forwarded"


def family(route: str) -> str:
    return route.split(":", 1)[0] if route else ""


def position(
    case: Request, subjects: list[RequestSubject], movements: list, copy_lists: list
) -> Position:
    """This request's place in the procedure."""
    # Advised to view the records (section 1): sent elsewhere too, though the
    # request stays open until the requestor narrows it or it is closed.
    redirected = family(case.outcome_route) in ("redirect", "advise")
    routes: dict[str, list[int]] = {key: [] for key, _, _ in ROUTES}
    if redirected:
        routes["redirect"] = [sub.number for sub in subjects]
    for sub in subjects:
        if family(sub.route) in routes:
            routes[family(sub.route)].append(sub.number)
    forwarded = any(sub.route for sub in subjects)
    rows = [
        SubjectStages(sub.number, sub.name_given, sub.route) for sub in subjects if not redirected
    ]
    for row, sub in zip(rows, subjects, strict=False):
        row.stages = _subject_stages(sub, forwarded, movements, copy_lists)
    return Position(
        before=_request_stages(case, forwarded, redirected),
        routes=routes,
        subjects=rows,
        close=_close_stage(case, subjects, movements, forwarded),
    )


def _request_stages(case: Request, forwarded: bool, redirected: bool) -> list[Stage]:
    """Section 1: the SCIMT logs the request, checks identity, shares basic facts and forwards."""
    stages = [
        Stage("intake", "Request logged and scope checked", "1", DONE),
        _stage("identity", "verify_identity"),
        _stage("basic_facts", "share_basic_information"),
        _stage("forward", "forward"),
    ]
    if redirected:
        stages[0].note = (
            "Advised to view the records: waiting for the requestor to narrow it"
            if case.state == s.AWAITING_NARROWING
            else "Redirected elsewhere at intake"
        )
        for stage in stages[1:]:
            stage.status = SKIPPED
        return stages
    reached = {
        s.RECEIVED: 1,
        s.IDENTITY_NOT_VERIFIED: 1,
        s.IDENTITY_VERIFIED: 2,
        s.BASIC_INFORMATION_SHARED: 3,
    }.get(case.state, 4 if forwarded else 1)
    if case.state == s.CLOSED and not forwarded:
        reached = 4  # closed before forwarding (identity not verified): nothing more to do
        for stage in stages[1:]:
            stage.status = SKIPPED
        return stages
    for index, stage in enumerate(stages[1:], start=1):
        stage.status = DONE if index < reached else CURRENT if index == reached else TODO
    if case.state == s.IDENTITY_NOT_VERIFIED:
        stages[1].note = "Not verified yet"
    return stages


def _subject_stages(
    sub: RequestSubject, forwarded: bool, movements: list, copy_lists: list
) -> list[Stage]:
    """Section 2, for one subject's part: decision, allocation, identity, files, supply, copies."""
    route, fam = sub.route, family(sub.route)
    stages = [
        _stage("decision", "decide"),
        _stage("allocation", "allocate"),
        _stage("reverify", "reverify_identity"),
        _stage("files", "request_paper_files"),
        _stage("supply", "supply_information"),
        _stage("hard_copies", "request_hard_copies"),
    ]
    if not forwarded:
        return stages
    by_key = {stage.key: stage for stage in stages}
    needed = {
        "decision": fam.startswith("closed_"),
        "allocation": fam.startswith("closed_") or route == "open:unallocated",
        "reverify": route in s.REVERIFY_ROUTES,
        "files": fam == "closed_paper",
        "supply": fam == "open" or fam.startswith("closed_"),
        "hard_copies": fam == "open" or fam.startswith("closed_"),
    }
    for key, stage in by_key.items():
        if not needed[key]:
            stage.status, stage.note = SKIPPED, "Not on this route"
    if sub.state == s.DECLINED:
        by_key["decision"].status, by_key["decision"].note = DONE, "Declined"
        for stage in stages[1:]:
            stage.status, stage.note = SKIPPED, "Declined"
        return stages
    _mark_progress(sub, by_key, movements)
    _mark_hard_copies(sub, by_key["hard_copies"], copy_lists)
    return stages


def _mark_progress(sub: RequestSubject, by_key: dict[str, Stage], movements: list) -> None:
    """Done up to where the part is; the first needed step not done is current."""
    mine = [m for m in movements if m.subject_id == sub.pk]
    done = {
        "decision": bool(sub.decision),
        "allocation": sub.state in _AFTER_ALLOCATION,
        "reverify": sub.identity_reverified_at is not None,
        "files": any(m.kind != "requested" for m in mine),
        "supply": sub.supplied_at is not None or sub.state == s.SUPPLIED,
    }
    if sub.decision == "approve":
        by_key["decision"].note = "Approved"
    if mine and not done["files"]:
        by_key["files"].note = "Asked for, not yet fetched"
    current_found = sub.state in s.FINISHED_PART_STATES
    for key, is_done in done.items():
        stage = by_key[key]
        if stage.status == SKIPPED:
            continue
        if is_done:
            stage.status = DONE
        elif not current_found:
            stage.status, current_found = CURRENT, True


def _mark_hard_copies(sub: RequestSubject, stage: Stage, copy_lists: list) -> None:
    if stage.status == SKIPPED:
        return
    lists = [c for c in copy_lists if c.subject_id == sub.pk]
    if not lists:
        # Hard copies come only if asked for, after the information is shared
        # (2.2), so once it has been the requestor may still ask.
        later = " yet: the requestor may still ask" if sub.state == "supplied" else ""
        stage.status, stage.note = SKIPPED, f"None asked for{later}"
        return
    waiting = [c for c in lists if c.state == "awaiting_approval"]
    unsent = [i for c in lists if c.state == "approved" for i in c.items.all() if not i.dispatch_id]
    if waiting or unsent:
        stage.status = CURRENT
        stage.note = "Waiting for the CSM's approval" if waiting else "Approved, to be sent"
    else:
        stage.status, stage.note = DONE, "Sent or decided"


def _close_stage(
    case: Request, subjects: list[RequestSubject], movements: list, forwarded: bool
) -> Stage:
    """The request closes when every part is finished and its files are back (2.1.3.5)."""
    stage = _stage("close", "close")
    if case.state == s.CLOSED:
        stage.status = DONE
        return stage
    latest: dict[int, str] = {}
    for movement in movements:
        latest[movement.holding_id] = movement.kind
    out = sum(1 for kind in latest.values() if kind != "returned")
    finished = forwarded and all(sub.state in s.FINISHED_PART_STATES for sub in subjects)
    finished = finished or case.state in (s.WITHDRAWN, s.AWAITING_NARROWING)
    if finished:
        stage.status = CURRENT
    if out:
        stage.note = f"{out} file(s) to return to storage first"
    return stage
