"""Stopping and restarting the clock, and extending a time limit, from the
request page (issue 7, item 2). Each POST calls one casework.services step; a
refusal is shown with its message and nothing has changed."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import ClockStop, Request
from disclose.procedure import states
from disclose.procedure.states import check_step

from .. import forms_time_limits as f
from .requests_access import actor_for, get_request_for_user, part_for


@dataclass(frozen=True)
class ClockPage:
    slug: str
    service: object
    form: type[f.TimeLimitForm]
    title: str
    done: str
    verb: str  # before forward; the part's verb after
    part_verb: str


PAGES = {
    page.slug: page
    for page in (
        ClockPage(
            "stop-clock",
            services.stop_clock,
            f.StopClockForm,
            "Stop the clock",
            "Clock stopped",
            "stop_clock",
            "stop_part_clock",
        ),
        ClockPage(
            "restart-clock",
            services.restart_clock,
            f.RestartClockForm,
            "Restart the clock",
            "Clock restarted",
            "restart_clock",
            "restart_part_clock",
        ),
        ClockPage(
            "extend",
            services.extend,
            f.ExtendForm,
            "Extend a time limit",
            "Time limit extended",
            "extend",
            "extend_part",
        ),
    )
}


def clock_actions(user, case: Request) -> list[ClockPage]:
    """The clock pages this person may use on this request now."""
    actor = actor_for(user)
    forwarded = case.state == states.FORWARDED
    parts = list(case.subjects.all()) if forwarded else []
    stopped = ClockStop.objects.filter(request=case, restarted_on__isnull=True).exists()
    found = []
    for page in PAGES.values():
        if page.slug == "restart-clock" and not stopped:
            continue
        if forwarded:
            allowed = any(
                check_step(page.part_verb, actor, request_state=case.state, part=part_for(p))
                is None
                for p in parts
            )
        else:
            allowed = check_step(page.verb, actor, request_state=case.state) is None
        if allowed:
            found.append(page)
    return found


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
