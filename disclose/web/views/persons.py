"""Finding a person and reading their record: the officer's first step (procedure 1).

Both pages use POST, so no name or date of birth ever lands in a URL, a
browser history or a server log. Both need an open request first, or for
information governance and administrators a review's written reason
(casework/justification.py): every search and every view is logged against
what it was for.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from disclose.casework.justification import (
    Justification,
    NotJustified,
    justify_search,
    justify_view,
    may_review,
)
from disclose.records.models import CaseNote, Contact, Episode, Person
from disclose.records.search import log_person_view, search_and_log
from disclose.web.access import can_use_records, get_person_for_user
from disclose.web.forms import JustifiedForm, PersonSearchForm, RequestReferenceForm


@dataclass(frozen=True)
class ResultRow:
    person: Person
    score: str
    reasons: list[str]
    status: str = ""  # the case: open, closed, or no episode (issue 13, item 6)
    last_team: str = ""
    locality: str = ""
    team_gone: bool = False


def _case_facts(person: Person) -> dict:
    """What tells two people of the same name apart: the case's status, the
    team it was last with, that team's locality, and whether it still exists."""
    episodes = list(person.episodes.all())
    if not episodes:
        return {"status": "No episode recorded"}
    open_ones = [e for e in episodes if e.end is None]
    latest = max(open_ones or episodes, key=lambda e: (e.end or e.start, e.start))
    team = latest.team
    return {
        "status": "Open case" if open_ones else f"Closed {latest.end:%-d %b %Y}",
        "last_team": team.name if team else "Not recorded",
        "locality": team.locality.name if team and team.locality else "",
        "team_gone": bool(team and not team.active),
    }


def _score_text(score) -> str:
    if isinstance(score, float) and 0 <= score <= 1:
        return f"{round(score * 100)}%"
    return str(round(score)) if isinstance(score, float) else str(score)


def _reasons(reasons) -> list[str]:
    if isinstance(reasons, str):
        return [reasons]
    return [str(reason) for reason in reasons or []]


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    if not can_use_records(request.user):
        raise PermissionDenied("Your role does not include searching the records.")
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "rows": None, "may_review": may_review(request.user)}
    why = _justified(form, lambda data: justify_search(request.user, **data))
    if why is not None:
        data = form.cleaned_data
        matches = search_and_log(
            actor=request.user,
            request_reference=why.request_reference,
            review=why.audit_detail(),
            forename=data["forename"].strip(),
            surname=data["surname"].strip(),
            dob=data["dob"],
            nhs_number=data["nhs_number"],
        )
        persons = [m.person for m in matches]
        prefetch_related_objects(persons, "episodes__team__locality")
        context["rows"] = [
            ResultRow(m.person, _score_text(m.score), _reasons(m.reasons), **_case_facts(m.person))
            for m in matches
        ]
        context["why"] = why
    return render(request, "web/persons/search.html", context)


def _justified(form: JustifiedForm, justify) -> Justification | None:
    """What the search or view is for, or None with the reason put on the form."""
    if not form.is_bound or not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        return justify({"reference": data["request_reference"], "reason": data["review_reason"]})
    except NotJustified as refused:
        form.add_error(refused.field, refused.message)
        return None


def _person_with_record() -> QuerySet[Person]:
    """The person and everything the page shows, in a fixed number of queries."""
    return Person.objects.prefetch_related(
        "other_names",
        "identifiers",
        Prefetch("episodes", queryset=Episode.objects.select_related("team", "worker")),
        "cp_plans",
        Prefetch("contacts", queryset=Contact.objects.order_by("-date")),
        "holdings",
        Prefetch("case_notes", queryset=CaseNote.objects.select_related("author")),
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # 404 first, as for a person who is not there, to anyone who may never see them.
    get_person_for_user(request.user, pk, Person.objects.only("pk"))
    form = RequestReferenceForm(request.POST if request.method == "POST" else None)
    why = _justified(form, lambda data: justify_view(request.user, pk, **data))
    if why is None:
        # Nothing about the person is shown until we know what this view is for.
        context = {"form": form, "pk": pk, "may_review": may_review(request.user)}
        return render(request, "web/persons/reference.html", context)
    person = get_person_for_user(
        request.user, pk, _person_with_record(), why.request_reference or None
    )
    log_person_view(
        actor=request.user,
        person=person,
        request_reference=why.request_reference,
        review=why.audit_detail(),
    )
    context = {"person": person, "request_reference": why.request_reference, "why": why}
    return render(request, "web/persons/person.html", context)
