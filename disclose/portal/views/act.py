"""Narrowing or withdrawing a request: the steps declared for the requestor
(procedure/steps.py), through the same forms (web/step_forms.py), services
and checks as staff. Only the steps actions_for gives the requestor are pages
here; the words are the portal's own, in the second person."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from disclose.casework import services
from disclose.casework.actions import actions_for
from disclose.casework.errors import StepRefused
from disclose.procedure.steps import STEPS
from disclose.web.step_forms import form_for

from ..access import own_request, professional_required
from ..actor import PortalRequestor

# The requestor's words for the steps declared for them; the rules are the declaration's.
WORDS = {
    "withdraw": {
        "title": "Withdraw your request",
        "lead": "We will stop work on your request and send you nothing more about it.",
        "labels": {
            "reason": "Why do you no longer need the information?",
            "confirm": "I no longer need this information. Stop work on this request",
        },
        "button": "Withdraw the request",
        "done": "Your request has been withdrawn",
    },
    "narrow_request": {
        "title": "Narrow your request",
        "lead": "Tell us the specific information you need. Your request will then go ahead.",
        "labels": {
            "details": "What specific information do you need?",
            "extent": "How much are you asking for now?",
        },
        "button": "Send the narrower request",
        "done": "Your request now asks for specific information",
    },
}


def requestor_for(request, case) -> PortalRequestor:
    return PortalRequestor(professional=request.professional, name=case.requestor_name)


def available(request, case) -> list[str]:
    """The steps the requestor may take on this request now, in declaration order."""
    actions = actions_for(requestor_for(request, case), case)
    return [a.name for a in actions.request if a.allowed and a.name in WORDS]


@professional_required
def act(request, reference: str, slug: str):
    case = own_request(request.professional, reference)
    name = slug.replace("-", "_")
    if name not in WORDS or name not in STEPS or name not in available(request, case):
        raise Http404("No such step")
    words = WORDS[name]
    requestor = requestor_for(request, case)
    posted = request.method == "POST"
    form = form_for(name)(request.POST if posted else None, request=case, actor=requestor)
    for field, label in words["labels"].items():
        if field in form.fields:
            form.fields[field].label = label
    if form.is_bound and form.is_valid():
        try:
            services.VERBS[STEPS[name].service](
                actor=requestor, request=case, **form.service_arguments()
            )
        except StepRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, words["done"])
            return redirect("portal:request", reference=case.reference)
    return render(request, "portal/act.html", {"case": case, "form": form, "words": words})
