"""My work: what waits on me, my team's work for a team manager, and business
support's queue of files to fetch and return. Overdue first, then by due date,
then oldest first. A fixed number of queries however many requests exist.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from disclose.casework import selectors
from disclose.casework.deadlines import deadline_queryset, deadlines_for
from disclose.casework.models import FileMovement, RequestSubject
from disclose.council.models import CouncilProfile
from disclose.procedure import states
from disclose.records.models import Staff

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


def _sorted(rows: list[WorkRow]) -> list[WorkRow]:
    return sorted(
        rows,
        key=lambda r: (not r.overdue, r.due or date.max, r.received, r.reference),
    )


def _with_due_dates(*tables: list[WorkRow] | None) -> list[list[WorkRow] | None]:
    """Each row with its request's earliest open due date, read for all the
    tables at once (a fixed number of queries), then sorted overdue first."""
    references = {row.reference for rows in tables if rows for row in rows}
    earliest = {}
    if references:
        today = timezone.localdate()
        limits = CouncilProfile.current().time_limits or {}
        for case in deadline_queryset().filter(reference__in=references):
            open_stages = [
                d for d in deadlines_for(case, today=today, limits=limits) if d.open and d.due
            ]
            if open_stages:
                earliest[case.reference] = min(open_stages, key=lambda d: d.due)
    dated = []
    for rows in tables:
        if rows is None:
            dated.append(None)
            continue
        dated.append(
            _sorted(
                [
                    replace(row, due=stage.due, overdue=stage.overdue)
                    if (stage := earliest.get(row.reference))
                    else row
                    for row in rows
                ]
            )
        )
    return dated


def waiting_on(user: Staff) -> list[WorkRow]:
    """Parts I hold and must act on, requests I may close, and (for the SCIMT)
    requests at intake."""
    rows = [
        WorkRow(p.request.reference, _name(p), needed_for(p.state, p.route), p.request.received)
        for p in selectors.parts_waiting_on(user)
    ]
    subjects = Prefetch("subjects", queryset=RequestSubject.objects.select_related("person"))
    for case in selectors.requests_ready_to_close(user).prefetch_related(subjects):
        rows.append(
            WorkRow(case.reference, _names(case.subjects.all()), "Close the request", case.received)
        )
    for hard_copy_list in selectors.hard_copies_to_decide(user):
        rows.append(
            WorkRow(
                hard_copy_list.request.reference,
                _name(hard_copy_list.subject),
                "Decide on hard copies",
                hard_copy_list.request.received,
            )
        )
    if user.has_role("scimt_officer"):
        for case in selectors.requests_at_intake().prefetch_related(subjects):
            rows.append(
                WorkRow(
                    case.reference,
                    _names(case.subjects.all()),
                    _intake_needed(case),
                    case.received,
                )
            )
    return _sorted(rows)


def _intake_needed(case) -> str:
    """Section 1, in order: identity, match every subject, share, forward."""
    if case.state == states.IDENTITY_VERIFIED:
        if all(s.matched for s in case.subjects.all()):
            return "Share basic information"
        return "Match the subjects to the records"
    return needed_for(case.state)


def team_work(user: Staff) -> list[WorkRow] | None:
    """For a team manager or CSM: parts held by members of the teams they manage."""
    if not (user.has_role("team_manager") or user.has_role("csm")):
        return None
    parts = selectors.parts_held_by_team(user)
    return _sorted(
        [
            WorkRow(
                p.request.reference,
                _name(p),
                needed_for(p.state, p.route),
                p.request.received,
                holder=p.assignee.display_name,
            )
            for p in parts
        ]
    )


def files_queue(user: Staff) -> list[dict] | None:
    """For business support: files asked for to fetch, files out to return."""
    if not user.has_role("business_support"):
        return None
    rows = []
    for movement in selectors.holdings_waiting():
        fetch = movement.kind == FileMovement.Kind.REQUESTED
        rows.append(
            {
                "reference": movement.request.reference,
                "holding": movement.holding,
                "needed": "Fetch from storage" if fetch else "Return to storage",
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
    return sorted(rows, key=lambda r: r["since"])


@login_required
@require_GET  # a page to read: a POST here changes nothing and is refused (issue 6)
def my_work(request: HttpRequest) -> HttpResponse:
    waiting, team = _with_due_dates(waiting_on(request.user), team_work(request.user))
    context = {
        "waiting": waiting,
        "team": team,
        "files": files_queue(request.user),
        "can_log_requests": request.user.has_role("scimt_officer"),
    }
    return render(request, "web/my_work.html", context)
