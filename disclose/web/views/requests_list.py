"""Requests (/requests/): find any request this person may see, by reference,
requestor, subject or agency, filter, sort, page and export it (issue 13).

For the SCIMT, information governance and managers. The form is sent by POST
(names never go into a URL). The number of queries is the same however many
requests there are: the database filters and pages, and only one page of rows
is read with its subjects and due dates.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from disclose.audit.log import record_access
from disclose.casework.models import Request, RequestSubject
from disclose.casework.request_search import earliest_due, find_requests
from disclose.procedure.route_words import route_words

from ..forms_request_list import RequestListForm
from ..roles import for_roles
from .exports import safe
from .requests_words import part_state, request_state

LIST_ROLES = ("scimt_officer", "information_governance", "admin", "team_manager", "csm")
PAGE_SIZE = 25


@dataclass(frozen=True)
class ListRow:
    reference: str
    received: date
    requestor: str
    agency: str
    subjects: list[str]
    state: tuple[str, str]
    holders: list[str]
    routes: list[str]
    due: date | None = None
    overdue: bool = False


def _subject_name(subject: RequestSubject) -> str:
    return subject.person.full_name if subject.person else subject.name_given


def _row(case: Request, due) -> ListRow:
    subjects = list(case.subjects.all())
    holders = sorted({s.assignee.display_name for s in subjects if s.assignee_id})
    routes = [route_words(s.route) for s in subjects if s.route]
    if case.outcome_route:
        routes.insert(0, route_words(case.outcome_route))
    state = request_state(case.state)
    if case.state == "forwarded" and subjects:
        # Once forwarded each part moves on its own: say where the first open one is.
        state = part_state(subjects[0].state)
    return ListRow(
        reference=case.reference,
        received=case.received,
        requestor=case.requestor_name,
        agency=case.get_requestor_agency_display(),
        subjects=[_subject_name(s) for s in subjects],
        state=state,
        holders=holders,
        routes=list(dict.fromkeys(routes)),
        due=due.due if due else None,
        overdue=bool(due and due.overdue),
    )


def _with_subjects(found):
    parts = RequestSubject.objects.select_related("person", "assignee").order_by("number")
    return found.prefetch_related(Prefetch("subjects", queryset=parts))


@for_roles(*LIST_ROLES)
@require_http_methods(["GET", "POST"])
def request_list(request: HttpRequest) -> HttpResponse:
    form = RequestListForm(request.POST if request.method == "POST" else None)
    criteria = form.criteria()
    found = find_requests(request.user, criteria)
    if request.method == "POST" and "export" in request.POST and not form.errors:
        return _export(request, found, criteria)
    paginator = Paginator(_with_subjects(found), PAGE_SIZE)
    page = paginator.get_page(form.page())
    cases = list(page.object_list)
    due = earliest_due(cases, today=timezone.localdate())
    rows = [_row(case, due.get(case.pk)) for case in cases]
    searched = form.is_bound and any(v for k, v in criteria.__dict__.items() if k != "sort")
    return render(
        request,
        "web/requests/list.html",
        {"form": form, "rows": rows, "page": page, "searched": searched},
    )


EXPORT_HEADERS = [
    "Reference",
    "Received",
    "Requestor",
    "Agency",
    "Requestor email",
    "Subjects",
    "Stage",
    "Held by",
    "Route",
]


def _export(request: HttpRequest, found, criteria) -> HttpResponse:
    """The whole filtered list as CSV, audited like the other exports."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADERS)
    count = 0
    for case in _with_subjects(found).iterator(chunk_size=500):
        row = _row(case, None)
        writer.writerow(
            [
                safe(v)
                for v in (
                    row.reference,
                    row.received.isoformat(),
                    row.requestor,
                    row.agency,
                    case.requestor_email,
                    "; ".join(row.subjects),
                    row.state[0],
                    "; ".join(row.holders),
                    "; ".join(row.routes),
                )
            ]
        )
        count += 1
    record_access(
        event_type="export_downloaded",
        actor=request.user,
        detail={
            "export": "requests-list",
            "format": "csv",
            "rows": count,
            "search": criteria.text,
            "filters": {
                k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in criteria.__dict__.items()
                if k != "text" and v
            },
        },
    )
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    today = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="disclose-requests-{today}.csv"'
    return response
