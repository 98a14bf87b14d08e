"""Requests that arrived by email (issue 14, item 2): the SCIMT's list of
drafts and set-aside messages, and the page where an officer checks a draft
against the email and logs it, or discards it.

For SCIMT officers only (section 1: the SCIMT logs every request). Opening a
draft is recorded as an access: the email names the people it is about.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from disclose.audit.log import record_access
from disclose.casework.errors import StepRefused
from disclose.intake.confirm import confirm_draft, discard_draft, initial_answers
from disclose.intake.intake import draft_reference, take_in
from disclose.intake.models import DraftRequest
from disclose.procedure import states
from disclose.web.forms_intake import CHANNELS, WITH_PORTAL, IntakeForm

from ..roles import for_roles

SHOWN = 200
FIELD_WORDS = {
    "name": "name",
    "email": "email address",
    "phone": "phone number",
    "role": "job title",
    "agency": "agency",
    "subjects": "people asked about",
}


@for_roles("scimt_officer")
def email_drafts(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _upload(request)
    drafts = DraftRequest.objects.filter(status=DraftRequest.Status.DRAFT)
    quarantined = DraftRequest.objects.filter(status=DraftRequest.Status.QUARANTINED)
    record_access(event_type="email_drafts_viewed", actor=request.user, detail={"via": "web"})
    return render(
        request,
        "web/intake/drafts.html",
        {"drafts": drafts[:SHOWN], "quarantined": quarantined[:SHOWN]},
    )


@for_roles("scimt_officer")
def email_draft(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(DraftRequest, pk=pk, status=DraftRequest.Status.DRAFT)
    subject_count = max(1, len(draft.subjects))
    channels = WITH_PORTAL if draft.source == "portal" else CHANNELS
    if request.method == "POST" and "discard" in request.POST:
        try:
            discard_draft(draft=draft, actor=request.user, reason=request.POST.get("reason", ""))
        except StepRefused as refused:
            messages.error(request, refused.message)
            return redirect("web:email_draft", pk=draft.pk)
        messages.success(request, f"{draft_reference(draft)} discarded")
        return redirect("web:email_drafts")
    if request.method == "POST" and "add_subject" in request.POST:
        form = IntakeForm(
            initial=request.POST.dict(), subject_count=_count(request) + 1, channels=channels
        )
    elif request.method == "POST":
        form = IntakeForm(request.POST, channels=channels)
    else:
        form = IntakeForm(
            initial=initial_answers(draft), subject_count=subject_count, channels=channels
        )
    if form.is_bound and form.is_valid():
        try:
            case = confirm_draft(draft=draft, actor=request.user, **form.service_arguments())
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            if case.state == states.CLOSED:
                return redirect("web:request_redirected", reference=case.reference)
            messages.success(request, f"Request {case.reference} logged from the email")
            return redirect("web:request_detail", reference=case.reference)
    record_access(
        event_type="email_draft_viewed",
        actor=request.user,
        detail={"via": "web", "draft": draft.pk},
    )
    return render(
        request,
        "web/intake/draft.html",
        {
            "draft": draft,
            "reference": draft_reference(draft),
            "form": form,
            "read": [FIELD_WORDS[f] for f in draft.read_from_email if f in FIELD_WORDS],
        },
    )


def _upload(request: HttpRequest) -> HttpResponse:
    """An email saved as a file (.eml or .msg), taken in like one from the mailbox."""
    upload = request.FILES.get("email")
    if upload is None:
        messages.error(request, "Choose an email saved as an .eml or .msg file.")
        return redirect("web:email_drafts")
    outcome = take_in(upload.read(), name=upload.name, source="form")
    reference = draft_reference(outcome.draft)
    if outcome.status == "draft":
        return redirect("web:email_draft", pk=outcome.draft.pk)
    if outcome.status == "duplicate":
        messages.error(request, f"That email was taken in before, as {reference}.")
    else:
        messages.error(request, f"That email was set aside: {outcome.draft.quarantine_reason}")
    return redirect("web:email_drafts")


def _count(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("subject_count", 1))
    except ValueError:
        return 1
