"""Forwarding each subject to whoever deals with it (section 2, 2.1), and a
CSM passing a part to the right CSM (2.1.2, 2.1.3)."""

from disclose.procedure import states
from disclose.procedure.decisions import Decision
from disclose.procedure.route_words import route_words
from disclose.procedure.routing import current_open_episode
from disclose.records.models import Staff

from ..case_facts import route_decisions
from ..errors import StepRefused
from ..facts import World
from ..models import Request, RequestSubject
from ._base import Step, begin, require, role_words

# Who holds a part in each state it may start in (2.1).
_HOLDER_ROLES = {
    states.AWAITING_DECISION: "csm",
    states.AWAITING_ALLOCATION: "team_manager",
    states.ALLOCATED: "social_worker",
}
# What the requestor is told at forward, and whether it is a disclosure.
_DISCLOSED_AT_FORWARD = {"worker_details", "contact_mash", "not_known"}


def forward(*, actor: Staff, request: Request) -> Request:
    """2.1: the SCIMT officer case notes and forwards each subject on its own
    route. Refused, changing nothing, if any route has no one to hold it."""
    with begin("forward", actor, request) as step:
        step.check()  # every subject matched, and every route has someone to hold it
        world, decisions = route_decisions(step.parts)
        for part, decision in zip(step.parts, decisions, strict=True):
            _forward_part(step, world, part, decision)
        step.request.state = states.FORWARDED
        step.save_request("state")
        step.audit(step.parts, routes={p.number: p.route for p in step.parts})
    return step.request


def _forward_part(step: Step, world: World, part: RequestSubject, decision: Decision) -> None:
    holder = world.staff.get(decision.assignee) if decision.assignee else None
    part.route, part.paragraph, part.rationale = (
        decision.route,
        decision.paragraph,
        decision.rationale,
    )
    part.team = world.teams.get(decision.team) if decision.team else None
    part.state = states.state_after_forward(decision.route)
    part.forwarded_at = step.now
    step.hand_to(part, holder, _HOLDER_ROLES.get(part.state, ""))
    if part.state == states.ALLOCATED:
        part.worker = holder  # 2.1.1: the current social worker supplies
    part.save(
        update_fields=[
            "route",
            "paragraph",
            "rationale",
            "assignee",
            "team",
            "state",
            "worker",
            "forwarded_at",
        ]
    )
    step.case_note(part, _forward_note(step, part, holder))
    step.notify(holder, "task_forwarded", subject=part)
    if decision.message_kind:
        _tell_requestor(step, world, part, decision)


def _forward_note(step: Step, part: RequestSubject, holder: Staff | None) -> str:
    request = step.request
    to = f"to {role_words(holder)}" if holder else "with no further action"
    return (
        f"{role_words(step.actor)} forwarded request {request.reference} from "
        f"{request.requestor_name} ({request.get_requestor_agency_display()}) {to}. "
        f"Route: {route_words(part.route)} (paragraph {part.paragraph}). Why: {part.rationale} "
        f"Asked for: {request.details}"
    )


def _tell_requestor(step: Step, world: World, part: RequestSubject, decision: Decision) -> None:
    kind = decision.message_kind
    if kind == "not_known" and part.messages.filter(kind="not_known").exists():
        return  # already told when the basic facts were shared
    name = part.person.full_name if part.person else part.name_given
    worker = None
    if kind == "worker_details":
        # 2.1.1 and 2.3: the current social worker's name and contact details.
        episode = current_open_episode(world.facts_for(part.person))
        worker = world.staff.get(episode.worker) if episode else None
    message = step.message(kind, subject=part, subject_name=name, worker=worker)
    if kind in _DISCLOSED_AT_FORWARD:
        step.disclose(part, kind, message.text)


def pass_to_csm(
    *, actor: Staff, request: Request, to: Staff, reason: str, subject: int | None = None
) -> Request:
    """2.1.2, 2.1.3: 'The CSM should check that they are the right person to
    deal with the request'; if not, they pass it to the right CSM, saying why."""
    with begin("pass_to_csm", actor, request) as step:
        parts = step.choose_parts(subject)
        reason = require(reason, "reason_required", "Say why you are passing this request on.")
        if not to.is_active or "csm" not in to.role_codes():
            raise StepRefused(
                "not_a_csm",
                f"{to.display_name} is not a children's service manager. Choose a CSM.",
                "2.1.2",
            )
        if to.pk == actor.pk:
            raise StepRefused("not_a_csm", "Choose another CSM to pass this request to.", "2.1.2")
        for part in parts:
            step.hand_to(part, to, "csm")
            part.save(update_fields=["assignee"])
            step.case_note(
                part,
                f"{role_words(actor)} passed request {step.request.reference} to "
                f"{role_words(to)}, as the right CSM to decide it. Reason: {reason}",
            )
            step.notify(to, "task_passed", subject=part, reason=reason, by=actor)
        step.audit(parts, to=to.username, reason=reason)
    return step.request


__all__ = ["forward", "pass_to_csm"]
