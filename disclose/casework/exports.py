"""Rows for the exports of requests and of the disclosure log (issue 7, item 5),
for information governance and the council's annual returns.

Plain values only (text, numbers, dates); the web view writes them as CSV or
Excel and makes every text cell safe from formula injection.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from disclose.council.models import CouncilProfile

from .deadlines import deadline_queryset, deadlines_for
from .models import Disclosure
from .reports import ROUTES, STAGE_WORDS, outcome


@dataclass(frozen=True)
class Table:
    name: str  # for the file name and the sheet
    headers: list[str]
    rows: list[list]


REQUEST_HEADERS = [
    "Reference",
    "Received",
    "Channel",
    "Requestor",
    "Agency",
    "Kind",
    "Extent",
    "Consent held",
    "Stage",
    "Subjects",
    "Routes",
    "Outcomes",
    "Closed",
    "Stages done late",
    "Stages overdue now",
]

DISCLOSURE_HEADERS = [
    "Disclosed",
    "Reference",
    "What kind",
    "Person (record id)",
    "To",
    "Agency",
    "Email",
    "Basis",
    "Disclosed by",
    "What was disclosed",
]


def requests_table(start: date, end: date) -> Table:
    """One row per request received in the range."""
    requests = list(
        deadline_queryset()
        .filter(received__gte=start, received__lte=end)
        .order_by("received", "id")
    )
    return Table("requests", REQUEST_HEADERS, list(_request_rows(requests)))


def _request_rows(requests) -> Iterator[list]:
    today = timezone.localdate()
    limits = CouncilProfile.current().time_limits or {}
    for r in requests:
        parts = list(r.subjects.all())
        found = deadlines_for(r, today=today, limits=limits)
        yield [
            r.reference,
            r.received,
            r.get_channel_display(),
            r.requestor_name,
            r.get_requestor_agency_display(),
            r.get_kind_display(),
            r.get_extent_display(),
            "Yes" if r.consent else "No",
            STAGE_WORDS.get(r.state, r.state),
            len(parts),
            "; ".join(ROUTES.get(p.route, p.route) for p in parts),
            "; ".join(outcome(r, p) for p in parts),
            timezone.localdate(r.closed_at) if r.closed_at else None,
            "; ".join(_stage_words(d) for d in found if d.late),
            "; ".join(_stage_words(d) for d in found if d.overdue),
        ]


def _stage_words(deadline) -> str:
    return deadline.label + (f" (subject {deadline.subject})" if deadline.subject else "")


def disclosure_log(start: date, end: date) -> Table:
    """Every disclosure made in the range (issue 3, item 6: the disclosure log)."""
    rows = (
        Disclosure.objects.filter(disclosed_at__date__gte=start, disclosed_at__date__lte=end)
        .select_related("request", "person", "disclosed_by")
        .order_by("disclosed_at", "id")
    )
    return Table(
        "disclosure-log",
        DISCLOSURE_HEADERS,
        [
            [
                timezone.localtime(d.disclosed_at).replace(tzinfo=None, microsecond=0),
                d.request.reference,
                d.get_kind_display(),
                d.person.person_id if d.person_id else "",
                d.to_name,
                d.to_agency,
                d.to_email,
                d.get_basis_display(),
                d.disclosed_by.display_name,
                d.what,
            ]
            for d in rows
        ],
    )


TABLES = {"requests": requests_table, "disclosure-log": disclosure_log}
