"""One small page per step of the procedure.

Every POST calls exactly one casework.services function and nothing else that
changes a request. A refused step (StepRefused) is shown in the error summary
with its message; the form keeps what was typed and nothing has changed. A step
that went ahead redirects to the request page with a notification banner
(POST/redirect/GET).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from disclose.casework import services
from disclose.casework.document_store import ALLOWED_WORDS
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request, RequestSubject
from disclose.procedure.hard_copies import check_hard_copy_step
from disclose.procedure.states import STEPS as STEP_RULES
from disclose.procedure.states import check_step
from disclose.records.models import Holding
from disclose.web import forms_hard_copies as hc
from disclose.web import forms_requests as f

from . import requests_preview as preview
from .requests_access import actor_for, get_request_for_user, part_for


@dataclass(frozen=True)
class StepPage:
    service: Callable
    title: str
    form: type[f.StepForm]
    button: str
    done: str
    level: str = "request"  # request | part | holding
    template: str = "web/requests/steps/confirm.html"
    warning: str = ""
    context: Callable | None = None  # extra things to show: (request, part) -> dict


STEPS: dict[str, StepPage] = {
    "triage": StepPage(
        services.triage,
        "Confirm the scope check",
        f.ConfirmForm,
        "Confirm the scope check",
        "Scope check confirmed",
    ),
    "verify-identity": StepPage(
        services.verify_identity,
        "Check the requestor's identity",
        f.VerifyIdentityForm,
        "Save",
        "Identity check recorded",
        template="web/requests/steps/verify_identity.html",
    ),
    "share-basic-information": StepPage(
        services.share_basic_information,
        "Share basic information",
        f.ConfirmForm,
        "Send basic information",
        "Basic information sent to the requestor",
        warning="This emails the requestor the facts below and records them as a disclosure.",
        context=preview.basic_information,
    ),
    "forward": StepPage(
        services.forward,
        "Forward the request",
        f.ForwardForm,
        "Forward the request",
        "Request forwarded",
        template="web/requests/steps/forward.html",
        warning="This emails each person below, and may email the requestor.",
        context=preview.routes,
    ),
    "close": StepPage(
        services.close,
        "Close the request",
        f.CloseForm,
        "Close the request",
        "Request closed",
        template="web/requests/steps/form.html",
    ),
    "reverify-identity": StepPage(
        services.verify_identity,
        "Check the requestor's identity again",
        f.VerifyIdentityForm,
        "Save",
        "Identity check recorded",
        level="part",
        template="web/requests/steps/verify_identity.html",
    ),
    "pass-to-csm": StepPage(
        services.pass_to_csm,
        "Pass to another children's service manager",
        f.PassToCsmForm,
        "Pass the request on",
        "Request passed to another CSM",
        level="part",
        template="web/requests/steps/form.html",
    ),
    "decide": StepPage(
        services.decide,
        "Decide whether to share",
        f.DecideForm,
        "Record decision",
        "Decision recorded",
        level="part",
        template="web/requests/steps/decide.html",
    ),
    "allocate": StepPage(
        services.allocate,
        "Allocate to a social worker",
        f.AllocateForm,
        "Allocate",
        "Allocated",
        level="part",
        template="web/requests/steps/form.html",
    ),
    "request-paper-files": StepPage(
        services.request_paper_files,
        "Ask for paper files",
        f.HoldingForm,
        "Ask business support",
        "Business support have been asked for the files",
        level="part",
        template="web/requests/steps/form.html",
    ),
    "request-microfilm": StepPage(
        services.request_microfilm,
        "Ask for microfilm",
        f.MicrofilmForm,
        "Ask business support",
        "Business support have been asked for the microfilm",
        level="part",
        template="web/requests/steps/form.html",
    ),
    "supply-information": StepPage(
        services.supply_information,
        "Supply information",
        f.SupplyForm,
        "Supply information",
        "Information supplied",
        level="part",
        template="web/requests/steps/supply.html",
        warning="This emails the requestor and records a disclosure.",
    ),
    "retrieve-files": StepPage(
        services.retrieve_files,
        "Record files as retrieved",
        f.ConfirmForm,
        "Record as retrieved",
        "Recorded as retrieved from storage",
        level="holding",
    ),
    "return-files": StepPage(
        services.return_files,
        "Record files as returned to storage",
        f.ConfirmForm,
        "Record as returned",
        "Recorded as returned to storage",
        level="holding",
    ),
    # Hard copies and documents (2.2, and the note at the end of section 1).
    "request-hard-copies": StepPage(
        services.request_hard_copies,
        "Ask for hard copies",
        hc.HardCopyListForm,
        "Send the list for approval",
        "The list of hard copies has been sent for approval",
        level="part",
        template="web/requests/steps/hard_copy_list.html",
    ),
    "decide-hard-copies": StepPage(
        services.decide_hard_copies,
        "Decide on hard copies",
        hc.DecideHardCopiesForm,
        "Record decision",
        "Decision on hard copies recorded",
        level="part",
        template="web/requests/steps/decide_hard_copies.html",
        context=preview.hard_copies,
    ),
    "reassign-hard-copy-approval": StepPage(
        services.reassign_hard_copy_approval,
        "Reassign the decision on hard copies",
        hc.ReassignApprovalForm,
        "Reassign",
        "The decision on hard copies has been reassigned",
        level="part",
        template="web/requests/steps/form.html",
        context=preview.hard_copies,
    ),
    "confirm-third-party": StepPage(
        services.confirm_third_party,
        "Record a third party's answer",
        hc.ConfirmThirdPartyForm,
        "Save",
        "The third party's answer has been recorded",
        level="part",
        template="web/requests/steps/confirm_third_party.html",
    ),
    "attach-hard-copy-file": StepPage(
        services.attach_hard_copy_file,
        "Attach a file to a hard copy",
        hc.AttachFileForm,
        "Attach",
        "File attached",
        level="part",
        template="web/requests/steps/form.html",
    ),
    "dispatch-hard-copies": StepPage(
        services.dispatch_hard_copies,
        "Send the hard copies",
        hc.DispatchForm,
        "Send",
        "Hard copies sent",
        template="web/requests/steps/form.html",
        warning="Third-party information its agency has not confirmed is held back (2.2).",
        context=preview.hard_copies,
    ),
    "upload-document": StepPage(
        services.upload_document,
        "Upload a document",
        hc.UploadForm,
        "Upload",
        "Document uploaded",
        template="web/requests/steps/upload.html",
        context=lambda case, part: {"upload_types": f"{ALLOWED_WORDS}."},
    ),
}

HARD_COPY_VERBS = frozenset(
    {
        "request_hard_copies",
        "decide_hard_copies",
        "reassign_hard_copy_approval",
        "confirm_third_party",
        "attach_hard_copy_file",
        "dispatch_hard_copies",
    }
)

# The page for each verb (requests_words.STEP_BUTTONS), for the request page's links.
SLUGS = {slug.replace("-", "_"): slug for slug in STEPS}


@login_required
def step(
    request: HttpRequest, reference: str, slug: str, number: int | None = None, holding=None
) -> HttpResponse:
    page = STEPS.get(slug)
    if page is None or page.level != _level(number, holding):
        raise Http404("No such step")
    case = get_request_for_user(request.user, reference)
    part = _part(case, number) if number is not None else None
    # Only a holding of a person this request is about (issue 6, item 2).
    held = (
        get_object_or_404(Holding, pk=holding, person_id__in=case.subjects.values("person_id"))
        if holding is not None
        else None
    )
    posted = request.method == "POST"
    form = page.form(
        request.POST if posted else None,
        request.FILES if posted else None,
        request=case,
        part=part,
        actor=request.user,
    )
    if form.is_bound and form.is_valid():
        arguments = form.service_arguments()
        if number is not None:
            arguments["subject"] = number
        if held is not None:
            arguments["holding"] = held
        try:
            page.service(actor=request.user, request=case, **arguments)
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, page.done)
            return redirect("web:request_detail", reference=case.reference)
    context = {"page": page, "case": case, "part": part, "holding": held, "form": form}
    if not form.is_bound:
        # Say at once why this step cannot be taken now, rather than after the form.
        context["refusal"] = _refusal(request.user, case, part, slug)
    if page.context is not None:
        context.update(page.context(case, part))
    return render(request, page.template, context)


def _refusal(user, case: Request, part: RequestSubject | None, slug: str) -> str:
    verb = slug.replace("-", "_")
    if verb not in STEP_RULES:
        return ""  # not a step of the state machine (an upload): the service decides
    check = check_hard_copy_step if verb in HARD_COPY_VERBS else check_step
    found = check(
        verb,
        actor_for(user),
        request_state=case.state,
        part=part_for(part) if part is not None else None,
    )
    return found.message if found else ""


def _level(number, holding) -> str:
    if number is not None:
        return "part"
    return "holding" if holding is not None else "request"


def _part(case: Request, number: int) -> RequestSubject:
    return get_object_or_404(
        RequestSubject.objects.select_related("person", "assignee"), request=case, number=number
    )
