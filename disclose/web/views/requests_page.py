"""The request page: everything about one request, and only the steps this
person may take on it now (issue 5: the request page).

It reads the request in a fixed number of queries however many subjects,
messages or events it has, and looking at it is logged as an access: it names
the people the request is about.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from disclose.audit.models import AuditEvent
from disclose.casework.actions import Action, Actions, actions_for
from disclose.casework.deadlines import disclosures_made, messages_sent
from disclose.casework.in_order import in_order
from disclose.casework.models import (
    ClockStop,
    Disclosure,
    Document,
    Extension,
    FileMovement,
    HardCopyItem,
    HardCopyList,
    IdentityCheck,
    Message,
    Request,
    RequestSubject,
)
from disclose.casework.request_views import record_request_viewed
from disclose.prepared import Prepared, PreparedRelation
from disclose.records.models import CaseNote, Holding, Staff

from . import requests_words as words
from .requests_access import visible_or_404
from .requests_now import now_items


@dataclass
class SubjectRow:
    subject: RequestSubject
    state: tuple[str, str]
    actions: list[str]
    button_words: list[tuple[str, str, str]]
    ended: str = ""  # why it ended without information, in words


def _request(reference: str):
    return Request.objects.select_related("owner", "triaged_by").filter(reference=reference)


REQUEST = Prepared(_request)


def read_request(user, reference: str, section: str = "") -> Request:
    """The request with what its page shows, or 404 for someone who may not
    see it."""
    return visible_or_404(user, load_request(reference, section))


def load_request(reference: str, section: str = "") -> Request | None:
    """The request with what its `section` of the page shows (_shown), or
    None: the request and each kind of its rows read prepared, their SQL
    written once per process (issue 11)."""
    found = REQUEST.rows(reference=reference)
    if not found:
        return None
    case = found[0]
    for rows in _shown(section):
        rows.read_into(case)
    return case


def _rows(relation: str, rows: QuerySet) -> PreparedRelation:
    return PreparedRelation(Request, relation, rows)


# What a request's page shows, each read prepared by the request's id (issue
# 11). On every page, what the steps, the time limits and the picture read.
ON_EVERY_PAGE = [
    # One request's parts in their order. The model's ordering starts with
    # the request's own, which joined the request table once more and took
    # the database longer to plan than to run this eight-table read.
    _rows(
        "subjects",
        in_order(
            RequestSubject.objects.select_related(
                "person", "assignee__team", "team", "worker", "decided_by"
            ).prefetch_related(Prefetch("person__holdings", in_order(Holding.objects.all()))),
            "number",
        ),
    ),
    # Paper files, on the requests that asked for some: who moved which
    # holding read only then (a join cost every page a wide read of no rows).
    _rows("file_movements", in_order(FileMovement.objects.prefetch_related("holding", "by"))),
    _rows("identity_checks", in_order(IdentityCheck.objects.select_related("checked_by"))),
    _rows(
        "hard_copy_lists",
        in_order(
            HardCopyList.objects.prefetch_related(
                # Most requests have none. Prefetched rather than joined, these run
                # only when there are some: the join cost each page a query of 95
                # columns to find no rows (issue 11).
                "subject",
                "approver",
                "listed_by",
                "decided_by",
                # The time limits read when each item was sent (its dispatch).
                Prefetch(
                    "items", in_order(HardCopyItem.objects.select_related("document", "dispatch"))
                ),
            ),
            "id",
        ),
    ),
    # The steps and the time limits both read them.
    _rows("clock_stops", in_order(ClockStop.objects.all())),
    # The time limits name who extended one (rare: a second query only then).
    _rows("extensions", in_order(Extension.objects.prefetch_related("by"))),
]
# The rows only one sub-page lists (and the print view, which shows them all),
# read in full there. Elsewhere, of the messages and disclosures only the
# dates the time limits read, and no documents (case_facts counts them).
IN_FULL = {
    "messages": _rows("messages", in_order(Message.objects.prefetch_related("outgoing"))),
    "case-notes": _rows(
        "disclosures", in_order(Disclosure.objects.prefetch_related("disclosed_by"))
    ),
    "documents": _rows(
        "documents", in_order(Document.objects.prefetch_related("uploaded_by", "subject"))
    ),
}
DATES_ONLY = {
    "messages": _rows("messages", in_order(messages_sent())),
    "case-notes": _rows("disclosures", in_order(disclosures_made())),
}


def _shown(section: str) -> list[PreparedRelation]:
    """The rows a request's page reads for its sub-page `section`."""
    rows = list(ON_EVERY_PAGE)
    for sub_page, in_full in IN_FULL.items():
        if section in (sub_page, "print"):
            rows.append(in_full)
        elif sub_page in DATES_ONLY:
            rows.append(DATES_ONLY[sub_page])
    return rows


# The request's sub-pages (MoJ sub-navigation), so no page runs for thousands
# of pixels; "print" shows them all, expanded.
SECTIONS = {
    "summary": "Summary",
    "people": "People",
    "messages": "Messages",
    "documents": "Documents",
    "case-notes": "Case notes",
    "timeline": "Timeline",
}


SUB_PAGES = [*(key for key in SECTIONS if key != "summary"), "print"]


def section_url_name(section: str) -> str:
    """request_people, request_case_notes, request_print, ..."""
    return "request_" + section.replace("-", "_")


def _section_links(reference: str) -> list[tuple[str, str, str]]:
    return [
        (
            key,
            title,
            reverse("web:request_detail", args=[reference])
            if key == "summary"
            else reverse(f"web:{section_url_name(key)}", args=[reference]),
        )
        for key, title in SECTIONS.items()
    ]


@login_required
def request_detail(request: HttpRequest, reference: str, section: str = "summary") -> HttpResponse:
    case = read_request(request.user, reference, section)
    subjects = list(case.subjects.all())
    movements = list(case.file_movements.all())
    hard_copy_lists = list(case.hard_copy_lists.all())
    actions = actions_for(request.user, case, subjects)
    record_request_viewed(
        actor=request.user, request=case, subjects=subjects, via="web", section=section
    )
    context = {
        "case": case,
        "state": words.request_state(case.state),
        "closed_because": words.CLOSED_BECAUSE.get(case.closed_because, ""),
        "subjects": _subject_rows(subjects, actions),
        "actions": actions,
        "now": now_items(case, subjects, actions),
        "section": section,
        "section_title": SECTIONS.get(section, "Print view") if section != "summary" else "",
        "sections": _section_links(case.reference),
        "print": section == "print",
        "movements": movements,
        "hard_copy_lists": hard_copy_lists,
        "holding_buttons": _holding_buttons(movements, actions),
        "case_notes": CaseNote.objects.filter(request_reference=case.reference)
        .select_related("author", "person")
        .order_by("created_at", "id"),
        # Read from the audit chain only where it is shown.
        "timeline": _timeline(case.reference) if section in ("timeline", "print") else [],
    }
    return render(request, "web/requests/request.html", context)


def _buttons(actions: list[Action]) -> list[tuple[str, str, str]]:
    """(step, button text, the step page's slug) for each step allowed now
    that has a page of its own (the match page and the clock pages are linked
    from their own places on the page)."""
    return [
        (a.name, a.step.words.button, a.step.slug)
        for a in actions
        if a.allowed and (a.step.page or a.name == "match_subject")
    ]


def _subject_rows(subjects: list[RequestSubject], actions: Actions) -> list[SubjectRow]:
    rows = []
    for subject in subjects:
        buttons = _buttons(actions.parts.get(subject.number, []))
        rows.append(
            SubjectRow(
                subject=subject,
                state=words.part_state(subject.state),
                actions=[name for name, _, _ in buttons],
                button_words=buttons,
                ended=words.ENDED_BECAUSE.get(subject.ended_because, ""),
            )
        )
    return rows


def _holding_buttons(movements, actions: Actions) -> list[dict]:
    """One row per holding asked for on this request, with what can be done."""
    seen, rows = set(), []
    for movement in reversed(movements):
        if movement.holding_id in seen:
            continue
        seen.add(movement.holding_id)
        rows.append(
            {
                "holding": movement.holding,
                "latest": movement,
                "buttons": _buttons(actions.holdings.get(movement.holding_id, [])),
            }
        )
    return list(reversed(rows))


def _timeline(reference: str) -> list[words.TimelineItem]:
    """Every step taken on the request, newest first, from the audit chain."""
    events = list(
        AuditEvent.objects.filter(request_reference=reference, category=AuditEvent.Category.CHANGE)
        .select_related("actor")
        .order_by("-id")
    )
    refs = set().union(*(words.staff_refs_in(e.detail or {}) for e in events))
    names = (
        {s.username: s.display_name for s in Staff.objects.filter(username__in=refs)}
        if refs
        else {}
    )
    return [words.timeline_item(event, names) for event in events]
