"""My team's work (/requests/team/): for team managers and CSMs, every open
part held by someone in the teams they manage, with who holds it (and their
own team) and, where actions_for allows, a link to reassign it (issue 13)."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from disclose.casework import selectors
from disclose.casework.actions import actions_for
from disclose.casework.case_facts import with_facts
from disclose.casework.models import Request
from disclose.casework.visibility import in_teams_managed_by
from disclose.procedure import steps
from disclose.records.models import Staff

from ..paging import page_of
from ..roles import for_roles
from .requests_words import part_state

REASSIGN = "reassign"  # the step's name in procedure/steps.py


@dataclass(frozen=True)
class TeamRow:
    reference: str
    subject: str
    needed: str
    state: tuple[str, str]
    holder: str
    holder_team: str
    reassign_url: str = ""
    holder_left: bool = False  # waits, held by someone who has left, until reassigned


@for_roles("team_manager", "csm")
@require_GET
def team_work(request: HttpRequest) -> HttpResponse:
    parts = selectors.parts_held_by_team(request.user)
    # One page at a time (issue 11): each row asks actions_for whether it may
    # be reassigned, so a whole county's list would be slow and long.
    page = page_of(request, "page", parts.count())
    shown = list(parts[page.first_row : page.first_row + page.size])
    # What the rules read for every request on the page, in one go (with_facts).
    cases = with_facts(Request.objects.filter(pk__in={part.request_id for part in shown}))
    actions = {
        case.pk: actions_for(request.user, case, list(case.subjects.all())) for case in cases
    }
    rows = []
    for part in shown:
        allowed = actions[part.request_id].parts.get(part.number, [])
        may_reassign = any(a.name == REASSIGN and a.allowed for a in allowed)
        url = (
            reverse("web:request_part_step", args=[part.request.reference, part.number, REASSIGN])
            if may_reassign
            else ""
        )
        rows.append(
            TeamRow(
                reference=part.request.reference,
                subject=part.person.full_name if part.person else part.name_given,
                needed=steps.needed_next(part.state, part.route),
                state=part_state(part.state),
                holder=part.assignee.display_name,
                holder_team=part.assignee.team.name if part.assignee.team else "",
                reassign_url=url,
                holder_left=not part.assignee.is_active,
            )
        )
    # They are never emailed the work sent to them (issue 13, item 7).
    no_email = (
        Staff.objects.filter(in_teams_managed_by(request.user), is_active=True, email="")
        .select_related("team")
        .distinct()
        .order_by("last_name", "first_name")
    )
    context = {"rows": rows, "page": page, "no_email": no_email}
    return render(request, "web/requests/team.html", context)
