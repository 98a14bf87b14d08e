"""My work: what waits on me, my team's work for a team manager, and business
support's queue of files to fetch and return. Overdue first, then by due date,
then oldest first, sorted in SQL by the due dates the steps store, and paged:
a fixed number of queries, and rows, however many requests exist (issue 11).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from disclose.casework import deadlines_stored, selectors
from disclose.casework.models import FileMovement, RequestSubject
from disclose.council.models import CouncilProfile
from disclose.procedure import states
from disclose.records.models import Holding, Staff

from ..paging import page_of
from .requests_intake import LOGGERS
from .requests_words import needed_for


@dataclass(frozen=True)
class WorkRow:
    reference: str
    names: str
    needed: str
    received: date
    holder: str = ""
    due: date | None = None  # the request's earliest open time limit (issue 7)
    overdue: bool = False


def _name(subject: RequestSubject) -> str:
    return subject.person.full_name if subject.person else subject.name_given


def _names(subjects) -> str:
    return ", ".join(_name(s) for s in subjects)


def _sort_key(row: WorkRow) -> tuple:
    return (not row.overdue, row.due or date.max, row.received, row.reference)


def _dated(rows, order: tuple[str, ...]):
    """Rows with `next_due` (the request's earliest open due date, stored by
    the steps), in My work's order: overdue first, then by due date, then the
    oldest first. `order` names the request's received and reference fields."""
    return deadlines_stored.with_next_due(rows).order_by(
        *deadlines_stored.overdue_first(), *order
    )


@dataclass(frozen=True)
class _Source:
    rows: QuerySet
    row: Callable[[object], WorkRow]


def _merged(sources: list[_Source], request: HttpRequest, param: str, anchor: str):
    """One page of rows from several lists, each sorted the same way in SQL:
    the first N pages of each are enough to make page N of all of them."""
    total = sum(source.rows.count() for source in sources)
    page = page_of(request, param, total, anchor=anchor)
    wanted = page.number * page.size
    rows = [source.row(item) for source in sources for item in source.rows[:wanted]]
    rows.sort(key=_sort_key)
    return rows[page.first_row : wanted], page


def _due(item, today: date) -> dict:
    due = getattr(item, "next_due", None)
    return {"due": due, "overdue": bool(due and today > due)}


def waiting_on(user: Staff, request: HttpRequest, today: date):
    """Parts I hold and must act on, requests I may close, lists of hard copies
    to decide and (for the SCIMT) requests at intake: one page of them."""
    subjects = Prefetch("subjects", queryset=RequestSubject.objects.select_related("person"))
    on_request = ("received", "reference")
    sources = [
        _Source(
            _dated(
                selectors.parts_waiting_on(user),
                ("request__received", "request__reference", "number"),
            ),
            lambda p: WorkRow(
                p.request.reference,
                _name(p),
                needed_for(p.state, p.route),
                p.request.received,
                **_due(p, today),
            ),
        ),
        _Source(
            _dated(selectors.requests_ready_to_close(user), on_request).prefetch_related(
                subjects
            ),
            lambda case: WorkRow(
                case.reference,
                _names(case.subjects.all()),
                "Close the request",
                case.received,
                **_due(case, today),
            ),
        ),
        _Source(
            _dated(
                selectors.hard_copies_to_decide(user),
                ("request__received", "request__reference", "id"),
            ),
            lambda hard_copy_list: WorkRow(
                hard_copy_list.request.reference,
                _name(hard_copy_list.subject),
                "Decide on hard copies",
                hard_copy_list.request.received,
                **_due(hard_copy_list, today),
            ),
        ),
    ]
    if user.has_role("scimt_officer"):
        sources.append(
            _Source(
                _dated(selectors.requests_at_intake(), on_request).prefetch_related(
                    subjects
                ),
                lambda case: WorkRow(
                    case.reference,
                    _names(case.subjects.all()),
                    _intake_needed(case),
                    case.received,
                    **_due(case, today),
                ),
            )
        )
    return _merged(sources, request, "page", "waiting")


def _intake_needed(case) -> str:
    """Section 1, in order: identity, match every subject, share, forward."""
    if case.state == states.IDENTITY_VERIFIED:
        if all(s.matched for s in case.subjects.all()):
            return "Share basic information"
        return "Match the subjects to the records"
    return needed_for(case.state)


def team_work(user: Staff, request: HttpRequest, today: date):
    """For a team manager or CSM: parts held by members of the teams they
    manage, one page of them; (None, None) for anyone else."""
    if not (user.has_role("team_manager") or user.has_role("csm")):
        return None, None
    parts = _dated(
        selectors.parts_held_by_team(user),
        ("request__received", "request__reference", "number"),
    )
    page = page_of(request, "team_page", parts.count(), anchor="team")
    rows = [
        WorkRow(
            p.request.reference,
            _name(p),
            needed_for(p.state, p.route),
            p.request.received,
            holder=p.assignee.display_name,
            **_due(p, today),
        )
        for p in parts[page.first_row : page.first_row + page.size]
    ]
    return rows, page


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
