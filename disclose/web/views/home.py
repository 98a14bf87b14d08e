"""My work: what waits on me, my team's work for a team manager, and business
support's queue of files to fetch and return. Overdue first, then by due date,
then oldest first, sorted in SQL by the due dates the steps store, and paged:
a fixed number of queries, and rows, however many requests exist (issue 11).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from disclose.casework import deadlines_stored, selectors
from disclose.casework.models import FileMovement, RequestSubject
from disclose.casework.visibility import own_team
from disclose.council.models import CouncilProfile
from disclose.prepared import Prepared
from disclose.procedure import states, steps
from disclose.records.models import Holding, Staff

from ..paging import asked_for, first_page, page_of, rows_and_total
from .requests_intake import LOGGERS


@dataclass(frozen=True)
class WorkRow:
    reference: str
    names: str
    needed: str
    received: date
    holder: str = ""
    due: date | None = None  # the request's earliest open time limit (issue 7)
    overdue: bool = False


def _name(person_id, forename, surname, person_forename, person_surname) -> str:
    """The matched person's name as the records hold it, else as given."""
    if person_id:
        return f"{person_forename} {person_surname}".strip()
    return f"{forename} {surname}".strip()


NAME_FIELDS = ("person_id", "forename", "surname", "person__forename", "person__surname")


def _sort_key(row: WorkRow) -> tuple:
    return (not row.overdue, row.due or date.max, row.received, row.reference)


def _dated(rows, order: tuple[str, ...]):
    """Rows with `next_due` (the request's earliest open due date, stored by
    the steps), in My work's order: overdue first, then by due date, then the
    oldest first. `order` names the request's received and reference fields."""
    return deadlines_stored.with_next_due(rows).order_by(*deadlines_stored.overdue_first(), *order)


class _List:
    """One of My work's lists: its rows from the signed-in person's ids (a
    queryset of values: only the columns shown, no model objects for up to a
    hundred rows a page), and how to make WorkRows of them. Its first page,
    by far the most asked for, is a read prepared once (disclose.prepared)."""

    def __init__(
        self, queryset: Callable[..., QuerySet], make: Callable[[list, date], list[WorkRow]]
    ):
        self.queryset = queryset
        self.make = make
        self.first = Prepared(queryset, first_page)


def _merged(
    sources: list[tuple[_List, dict]], request: HttpRequest, param: str, anchor: str, today: date
):
    """One page of rows from several lists, each sorted the same way in SQL
    and given its arguments: the first N pages of each are enough to make
    page N of all of them."""
    if asked_for(request, param) == 1:
        read = [rows_and_total(source.first.rows(**ids)) for source, ids in sources]
        page = page_of(request, param, sum(total for _, total in read), anchor=anchor)
        items = [got for got, _ in read]
    else:
        lists = [source.queryset(**ids) for source, ids in sources]
        page = page_of(request, param, sum(rows.count() for rows in lists), anchor=anchor)
        items = [list(rows[: page.number * page.size]) for rows in lists]
    rows = [
        row
        for (source, _), got in zip(sources, items, strict=True)
        for row in source.make(got, today)
    ]
    rows.sort(key=_sort_key)
    return rows[page.first_row : page.number * page.size], page


def _due(due: date | None, today: date) -> dict:
    return {"due": due, "overdue": bool(due and today > due)}


PART_ORDER = ("request__received", "request__reference", "number")
PART_FIELDS = (
    "request__reference",
    "request__received",
    "next_due",
    "state",
    "route",
    *NAME_FIELDS,
)


def _part_rows(items: list[dict], today: date) -> list[WorkRow]:
    return [
        WorkRow(
            p["request__reference"],
            _name(*(p[f] for f in NAME_FIELDS)),
            steps.needed_next(p["state"], p["route"]),
            p["request__received"],
            holder=_holder(p),
            **_due(p["next_due"], today),
        )
        for p in items
    ]


def _holder(p: dict) -> str:
    """Held by, for My team's work: the staff member's name, else username."""
    if "assignee__username" not in p:
        return ""
    full = f"{p['assignee__first_name']} {p['assignee__last_name']}".strip()
    return full or p["assignee__username"]


def _subjects_of(request_ids: list[int]) -> dict[int, list[dict]]:
    """The subjects of these requests, in order: one query for a page of them."""
    found: dict[int, list[dict]] = {pk: [] for pk in request_ids}
    rows = RequestSubject.objects.filter(request_id__in=request_ids).order_by(
        "request_id", "number"
    )
    for subject in rows.values("request_id", "matched", *NAME_FIELDS):
        found[subject["request_id"]].append(subject)
    return found


def _names(subjects: list[dict]) -> str:
    return ", ".join(_name(*(s[f] for f in NAME_FIELDS)) for s in subjects)


def _request_rows(needed: Callable[[dict, list[dict]], str]):
    """WorkRows for requests (not parts): their subjects read in one query."""

    def make(items: list[dict], today: date) -> list[WorkRow]:
        subjects = _subjects_of([case["pk"] for case in items])
        return [
            WorkRow(
                case["reference"],
                _names(subjects[case["pk"]]),
                needed(case, subjects[case["pk"]]),
                case["received"],
                **_due(case["next_due"], today),
            )
            for case in items
        ]

    return make


REQUEST_ORDER = ("received", "reference")
REQUEST_FIELDS = ("pk", "reference", "received", "next_due", "state")


def _hard_copy_rows(items: list[dict], today: date) -> list[WorkRow]:
    return [
        WorkRow(
            item["request__reference"],
            _name(*(item[f"subject__{f}"] for f in NAME_FIELDS)),
            "Decide on hard copies",
            item["request__received"],
            **_due(item["next_due"], today),
        )
        for item in items
    ]


def _parts_waiting_on(staff: int) -> QuerySet:
    return _dated(selectors.parts_waiting_on(staff), PART_ORDER).values(*PART_FIELDS)


def _ready_to_close(staff: int) -> QuerySet:
    return _dated(selectors.requests_ready_to_close(staff), REQUEST_ORDER).values(*REQUEST_FIELDS)


def _hard_copies_to_decide(csm: int) -> QuerySet:
    lists = _dated(
        selectors.hard_copies_to_decide(csm), ("request__received", "request__reference", "id")
    )
    return lists.values(
        "request__reference",
        "request__received",
        "next_due",
        *(f"subject__{f}" for f in NAME_FIELDS),
    )


def _at_intake() -> QuerySet:
    return _dated(selectors.requests_at_intake(), REQUEST_ORDER).values(*REQUEST_FIELDS)


def _intake_needed(case: dict, subjects: list[dict]) -> str:
    """Section 1, in order: identity, match every subject, share, forward."""
    if case["state"] == states.IDENTITY_VERIFIED:
        if all(s["matched"] for s in subjects):
            return "Share basic information"
        return "Match the subjects to the records"
    return steps.needed_next(case["state"])


PARTS_WAITING = _List(_parts_waiting_on, _part_rows)
READY_TO_CLOSE = _List(_ready_to_close, _request_rows(lambda case, subjects: "Close the request"))
HARD_COPIES_TO_DECIDE = _List(_hard_copies_to_decide, _hard_copy_rows)
AT_INTAKE = _List(_at_intake, _request_rows(_intake_needed))


def waiting_on(user: Staff, request: HttpRequest, today: date):
    """Parts I hold and must act on, requests I may close, lists of hard copies
    to decide and (for the SCIMT) requests at intake: one page of them."""
    sources = [
        (PARTS_WAITING, {"staff": user.pk}),
        (READY_TO_CLOSE, {"staff": user.pk}),
        (HARD_COPIES_TO_DECIDE, {"csm": user.pk}),
    ]
    if user.has_role("scimt_officer"):
        sources.append((AT_INTAKE, {}))
    return _merged(sources, request, "page", "waiting", today)


HELD_BY = ("assignee__username", "assignee__first_name", "assignee__last_name")


def _team_parts(manager: int, own_team: int | None) -> QuerySet:
    parts = selectors.parts_held_by_teams_managed(manager, own_team)
    return _dated(parts, PART_ORDER).values(*PART_FIELDS, *HELD_BY)


TEAM_PARTS = _List(_team_parts, _part_rows)


def team_work(user: Staff, request: HttpRequest, today: date):
    """For a team manager or CSM: parts held by members of the teams they
    manage, one page of them; (None, None) for anyone else."""
    if not (user.has_role("team_manager") or user.has_role("csm")):
        return None, None
    ids = {"manager": user.pk, "own_team": own_team(user)}
    if asked_for(request, "team_page") == 1:
        shown, total = rows_and_total(TEAM_PARTS.first.rows(**ids))
        page = page_of(request, "team_page", total, anchor="team")
    else:
        parts = TEAM_PARTS.queryset(**ids)
        page = page_of(request, "team_page", parts.count(), anchor="team")
        shown = parts[page.first_row : page.first_row + page.size]
    return TEAM_PARTS.make(list(shown), today), page


def files_queue(user: Staff, request: HttpRequest):
    """For business support: files asked for to fetch, files out to return, and
    hard copies to send, oldest first: one page of them; (None, None) for anyone
    else. Bounded by the files and copies in hand, not by requests: read
    whole, shown a page at a time."""
    if not user.has_role("business_support"):
        return None, None
    rows = []
    holder = None  # read once, and only when there is microfilm to show
    for movement in selectors.holdings_waiting():
        fetch = movement.kind == FileMovement.Kind.REQUESTED
        microfilm = movement.holding.kind == Holding.Kind.MICROFILM
        if microfilm:  # 2.1.3.3: held by the council profile's microfilm holder
            holder = holder or CouncilProfile.current().microfilm_holder
            needed = f"Ask {holder} for access" if fetch else f"Return to {holder}"
        else:
            needed = "Fetch from storage" if fetch else "Return to storage"
        rows.append(
            {
                "reference": movement.request.reference,
                "holding": movement.holding,
                "needed": needed,
                "since": movement.at,
                "by": movement.by.display_name,
            }
        )
    # Approved hard copies to produce and send (2.2): one row per request.
    seen = set()
    for item in selectors.hard_copies_to_send():
        if item.request_id in seen:
            continue
        seen.add(item.request_id)
        rows.append(
            {
                "reference": item.request.reference,
                "holding": "Hard copies",
                "needed": "Produce and send the approved hard copies",
                "since": item.hard_copy_list.decided_at or item.hard_copy_list.listed_at,
                "by": "",
            }
        )
    rows.sort(key=lambda r: r["since"])
    page = page_of(request, "files_page", len(rows), anchor="files")
    return rows[page.first_row : page.first_row + page.size], page


@login_required
@require_GET  # a page to read: a POST here changes nothing and is refused (issue 6)
def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    waiting, waiting_page = waiting_on(request.user, request, today)
    team, team_page = team_work(request.user, request, today)
    files, files_page = files_queue(request.user, request)
    context = {
        "waiting": waiting,
        "waiting_page": waiting_page,
        "team": team,
        "team_page": team_page,
        "files": files,
        "files_page": files_page,
        "can_log_requests": bool(request.user.role_codes() & set(LOGGERS)),
    }
    return render(request, "web/my_work.html", context)
