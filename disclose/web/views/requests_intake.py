"""A new request from phone, email or letter (section 1), and the page that
says where a request outside the procedure was sent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from disclose.casework import services
from disclose.casework.actors import actor_of
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request
from disclose.intake import letter
from disclose.procedure import states
from disclose.procedure.direct_requests import logs_directly
from disclose.procedure.facts import RequestFacts
from disclose.procedure.route_words import route_words
from disclose.procedure.triage import triage
from disclose.web.forms_intake import IntakeForm

from ..roles import for_roles
from .requests_access import get_request_for_user

# Section 1: the SCIMT is the first point of contact and logs every request,
# except one made directly to the allocated worker of an open case, who logs it
# (the service refuses anything else: procedure/direct_requests.py).
LOGGERS = ("scimt_officer", "social_worker")


@for_roles(*LOGGERS)
def new_request(request: HttpRequest) -> HttpResponse:
    token = request.POST.get("letter_token", "")  # the letter already attached
    if request.method == "POST" and "add_subject" in request.POST:
        # "Add another person": the same answers, one more blank person.
        form = IntakeForm(initial=request.POST.dict(), subject_count=_count(request) + 1)
        return _form_page(request, form, _letter_chosen(request, token))
    form = IntakeForm(request.POST, request.FILES) if request.method == "POST" else IntakeForm()
    if form.is_bound and "change" in request.POST:
        # Back from "check your answers": the same answers, to change.
        return _form_page(request, form, token)
    if not (form.is_bound and form.is_valid()):
        return _form_page(request, form, token)
    try:
        if request.FILES.get("letter"):  # chosen now: checked and stored
            token = letter.token_for(letter.keep_letter(request.FILES["letter"]))
        kept = letter.from_token(token)
    except letter.LetterRefused as refused:
        form.add_error("letter", refused.message)
        return _form_page(request, form, request.POST.get("letter_token", ""))
    if request.POST.get("confirmed") != "yes":
        return _check_answers(request, form, token, kept)
    try:
        case = _receive_unless_duplicate(request, form, letter.stored(kept))
    except StepRefused as refused:
        form.add_error(None, refused.message)
        return _form_page(request, form, token)
    if case is None:  # the form now asks whether it is a different request
        return _form_page(request, form, token)
    if case.state == states.CLOSED:
        return redirect("web:request_redirected", reference=case.reference)
    messages.success(request, f"Request {case.reference} logged")
    return redirect("web:request_detail", reference=case.reference)


def _letter_chosen(request: HttpRequest, token: str) -> str:
    """A file chosen before "Add another person" is kept too; one that cannot be
    kept is left out, and the page shows nothing attached, to choose again."""
    if not request.FILES.get("letter"):
        return token
    try:
        return letter.token_for(letter.keep_letter(request.FILES["letter"]))
    except letter.LetterRefused:
        return token


def _form_page(request: HttpRequest, form: IntakeForm, token: str) -> HttpResponse:
    """The New request form, with the letter attached so far (if its token holds)."""
    try:
        kept = letter.from_token(token)
    except letter.LetterRefused:
        token, kept = "", []
    context = {
        "form": form,
        "letter_token": token,
        "letter": kept,
        "direct": logs_directly(actor_of(request.user)),
    }
    return render(request, "web/requests/new.html", context)


def _check_answers(
    request: HttpRequest, form: IntakeForm, token: str, kept: list[dict]
) -> HttpResponse:
    """Check your answers before the request is logged; a request that belongs
    elsewhere says so here, before it is closed and the requestor emailed."""
    arguments = form.service_arguments()
    elsewhere = triage(
        RequestFacts(
            kind=arguments["kind"],
            extent=arguments["extent"],
            agency=arguments["requestor_agency"],
            consent=arguments["consent"],
        )
    )
    skipped = ("csrfmiddlewaretoken", "confirmed", "change", "add_subject", "letter_token")
    answers = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in skipped
        for value in values
    ]
    if token:
        answers.append(("letter_token", token))
    context = {
        "form": form,
        "data": form.cleaned_data,
        "arguments": arguments,
        "elsewhere": elsewhere,
        "where": route_words(elsewhere.route) if elsewhere else "",
        "answers": answers,
        "letter": kept,
    }
    return render(request, "web/requests/check.html", context)


@login_required
def request_redirected(request: HttpRequest, reference: str) -> HttpResponse:
    """What the requestor was told, and where it went, for a request the scope
    rules sent elsewhere at receipt (section 1, 2.4)."""
    case = get_request_for_user(request.user, reference)
    if not case.outcome_route:
        return redirect("web:request_detail", reference=case.reference)
    sent = list(case.messages.select_related("outgoing").order_by("id"))
    return render(request, "web/requests/redirected.html", {"case": case, "sent": sent})


def _receive_unless_duplicate(
    request: HttpRequest, form: IntakeForm, documents: list[dict]
) -> Request | None:
    """Log the request, unless this officer logged the same one minutes ago. Their
    own row is locked meanwhile, so a double click's two posts take turns and the
    second finds the first (issue 15, item 8)."""
    try:
        return services.receive_request(
            actor=request.user,
            unless=lambda: form.warn_if_duplicate(request.user),
            documents=documents,
            **form.service_arguments(),
        )
    except services.NotLogged:
        return None


def _count(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("subject_count", 1))
    except ValueError:
        return 1
