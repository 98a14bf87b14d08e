"""Stopping and restarting the clock, and extending a time limit, from the
request page (issue 7, item 2). Each POST calls one casework.services step; a
refusal is shown with its message and nothing has changed."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from disclose.casework import services
from disclose.casework.actions import Actions, actions_for
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request
from disclose.procedure import states
from disclose.procedure import steps as declared
from disclose.procedure.steps import StepSpec

from .. import forms_time_limits as f
from .requests_access import get_request_for_user


@dataclass(frozen=True)
class ClockPage:
    """The whole request's clock before forward; each part's clock after (2.1)."""

    spec: StepSpec  # the step on the request, before forward
    part_spec: StepSpec  # the step on a part, after
    form: type[f.TimeLimitForm]

    @property
    def slug(self) -> str:
        return self.spec.slug  # stop-clock, restart-clock, extend

    @property
    def service(self):
        return services.VERBS[self.spec.service]

    @property
    def title(self) -> str:
        return self.spec.words.title

    @property
    def done(self) -> str:
        return self.spec.words.done


def _page(verb: str, form) -> ClockPage:
    request_step, part_step = sorted(declared.VERBS[verb], key=lambda spec: spec.on != "request")
    return ClockPage(request_step, part_step, form)


PAGES = {
    page.slug: page
    for page in (
        _page("stop_clock", f.StopClockForm),
        _page("restart_clock", f.RestartClockForm),
        _page("extend", f.ExtendForm),
    )
}


def clock_actions(user, case: Request, actions: Actions | None = None) -> list[ClockPage]:
    """The clock pages this person may use on this request now (actions_for,
    unless the page has them already)."""
    # An Actions with nothing allowed is falsy: it is still the page's answer.
    allowed = (actions if actions is not None else actions_for(user, case)).names()
    return [page for page in PAGES.values() if {page.spec.name, page.part_spec.name} & allowed]


@login_required
def clock_step(request: HttpRequest, reference: str, slug: str) -> HttpResponse:
    page = PAGES.get(slug)
    if page is None:
        raise Http404("No such page")
    case = get_request_for_user(request.user, reference)
    held = [s.number for s in case.subjects.all() if s.assignee_id == request.user.pk]
    subjects = held if case.state == states.FORWARDED and len(held) > 1 else None
    form = page.form(request.POST if request.method == "POST" else None, subjects=subjects)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            page.service(actor=request.user, request=case, **form.arguments())
        except StepRefused as refused:
            refusal = refused.message
        else:
            messages.success(request, page.done)
            return redirect("web:request_detail", reference=case.reference)
    context = {"case": case, "page": page, "form": form, "refusal": refusal}
    return render(request, "web/requests/time_limit_step.html", context)
