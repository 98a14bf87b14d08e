"""Matching a subject to a person in the records (section 1).

The search is filled in from what the requestor gave, and is logged against
this request, like every search (records.search.search_and_log). Each result
has a "This is the person" button, and "Not known to children's social care"
records that the subject is not known; both call services.match_subject.
The search is a POST, so no name or date of birth lands in an address.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from disclose.casework import services
from disclose.casework.actions import actions_for
from disclose.casework.actors import actor_of
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request, RequestSubject
from disclose.procedure import steps
from disclose.records.models import Person
from disclose.records.search import search_and_log
from disclose.web.forms_requests import PersonSearchForm

from .requests_access import get_request_for_user


@login_required
def match_subject(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    case = get_request_for_user(request.user, reference)
    subject = _subject(case, number)
    # Searching is logged against the request: only for someone who may match now.
    blocked = _refusal(request, case, subject)
    form = None if blocked else PersonSearchForm(initial=_given(subject))
    context = {"case": case, "subject": subject, "matches": None, "refusal": blocked}
    if request.method == "POST" and "search" not in request.POST:
        refusal = _confirm(request, case, subject)
        if not refusal:
            return redirect("web:request_detail", reference=case.reference)
        context["refusal"] = refusal
    elif request.method == "POST" and form is not None:
        form = PersonSearchForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            context["matches"] = search_and_log(
                actor=request.user,
                request_reference=case.reference,
                forename=data["forename"].strip(),
                surname=data["surname"].strip(),
                dob=data["dob"],
            )
    context["form"] = form
    return render(request, "web/requests/match.html", context)


def _confirm(request: HttpRequest, case: Request, subject: RequestSubject) -> str:
    """The one step: match_subject, with the person chosen or None (not known).
    Returns why it was refused, or '' when it went ahead."""
    chosen = request.POST.get("person", "")
    person = None
    if chosen != "not_known":
        person = Person.objects.filter(pk=chosen).first() if chosen.isdigit() else None
        if person is None:
            return "Choose the person from the results, or record that they are not known"
    try:
        services.match_subject(
            actor=request.user, request=case, subject=subject.number, person=person
        )
    except StepRefused as refused:
        return refused.message
    if person is not None:
        done = f"Subject {subject.number} matched to {person.full_name}"
    else:
        done = f"Subject {subject.number} recorded as not known to children's social care"
    messages.success(request, done)
    return ""


def _refusal(request: HttpRequest, case: Request, subject: RequestSubject) -> str:
    """Why this person may not match this subject now, or '' (actions_for)."""
    for action in actions_for(request.user, case).parts.get(subject.number, []):
        if action.name == "match_subject":
            return action.refusal.message if action.refusal else ""
    refused = steps.check_step("match_subject", actor_of(request.user), request_state=case.state)
    return refused.message if refused else ""


def _subject(case: Request, number: int) -> RequestSubject:
    return get_object_or_404(
        RequestSubject.objects.select_related("person", "assignee"), request=case, number=number
    )


def _given(subject: RequestSubject) -> dict:
    dob = subject.dob
    return {
        "forename": subject.forename,
        "surname": subject.surname,
        "dob_day": dob.day if dob else "",
        "dob_month": dob.month if dob else "",
        "dob_year": dob.year if dob else "",
    }
