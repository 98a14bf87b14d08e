"""One small page per step of the procedure, each built from its declaration
(procedure/steps.py): its heading, button, warning, confirmation and fields.

Every POST calls exactly one casework.services function and nothing else that
changes a request. A refused step (StepRefused) is shown in the error summary
with its message; the form keeps what was typed and nothing has changed. A step
that went ahead redirects to the request page with a notification banner
(POST/redirect/GET).

A step's page uses the template named after the step (or after its service
verb) under web/requests/steps/, else the plain form; what it shows beside
the form comes from the function of the same name in requests_preview.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template

from disclose.casework import services
from disclose.casework.actions import actions_for
from disclose.casework.actors import actor_of
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request, RequestSubject
from disclose.procedure import steps as declared
from disclose.procedure.steps import StepSpec
from disclose.records.models import Holding

from ..step_forms import form_for
from . import requests_preview as preview
from .requests_access import get_request_for_user


@dataclass(frozen=True)
class StepPage:
    spec: StepSpec

    @property
    def service(self) -> Callable:
        return services.VERBS[self.spec.service]

    @property
    def form(self):
        return form_for(self.spec.name)

    @property
    def level(self) -> str:
        return self.spec.on

    @property
    def title(self) -> str:
        return self.spec.words.title

    @property
    def button(self) -> str:
        return self.spec.words.submit

    @property
    def done(self) -> str:
        return self.spec.words.done

    @property
    def warning(self) -> str:
        return self.spec.words.warning

    @property
    def template(self) -> str:
        names = {self.spec.name, self.spec.service}
        return select_template(
            [
                *(f"web/requests/steps/{n}.html" for n in sorted(names)),
                "web/requests/steps/form.html",
            ]
        ).template.name

    def context(self, case: Request, part: RequestSubject | None) -> dict:
        show = getattr(preview, self.spec.name, None)
        return show(case, part) if show is not None else {}


# Every declared step with a page, by its address (its name, with dashes).
STEPS: dict[str, StepPage] = {
    spec.slug: StepPage(spec) for spec in declared.STEPS.values() if spec.page
}


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
        context["refusal"] = _refusal(request.user, case, page.spec, number, holding)
    context.update(page.context(case, part))
    return render(request, page.template, context)


def _refusal(user, case: Request, spec: StepSpec, number, holding) -> str:
    """Why this person may not take this step here now ('' if they may), as
    actions_for says: the same answer the service gives."""
    actions = actions_for(user, case)
    where = (
        actions.parts.get(number, [])
        if number is not None
        else actions.holdings.get(holding, [])
        if holding is not None
        else actions.request
    )
    found = next((a for a in where if a.name == spec.name), None)
    if found is None:  # not a step for this person's roles at all
        refused = declared.check_step(spec.name, actor_of(user), request_state=case.state)
        return refused.message if refused else "You cannot take this step on this request."
    return found.refusal.message if found.refusal else ""


def _level(number, holding) -> str:
    if number is not None:
        return "part"
    return "holding" if holding is not None else "request"


def _part(case: Request, number: int) -> RequestSubject:
    return get_object_or_404(
        RequestSubject.objects.select_related("person", "assignee"), request=case, number=number
    )
