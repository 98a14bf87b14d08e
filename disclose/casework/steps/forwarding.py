"""Forwarding each subject to whoever deals with it (section 2, 2.1), and a
CSM passing a part to the right CSM (2.1.2, 2.1.3)."""

from disclose.procedure import states
from disclose.procedure.basic_facts import shared_at_forward
from disclose.procedure.decisions import Decision
from disclose.procedure.reassignment import not_in_post
from disclose.procedure.route_words import route_words
from disclose.procedure.routing import current_open_episode
from disclose.records.models import Staff

from ..case_facts import route_decisions, route_problem, waiting_to_forward
from ..errors import StepRefused, refuse_if
from ..facts import World
from ..models import Request, RequestSubject
from ._base import Step, begin, require, role_words
from .basic_information import names_together, share

# Who holds a part in each state it may start in (2.1).
_HOLDER_ROLES = {
    states.AWAITING_DECISION: "csm",
    states.AWAITING_ALLOCATION: "team_manager",
    states.ALLOCATED: "social_worker",
}
# What the requestor is told at forward, and whether it is a disclosure.
_DISCLOSED_AT_FORWARD = {"worker_details", "team_details", "contact_mash", "not_known"}


def forward(*, actor: Staff, request: Request, basic_information_skipped: str = "") -> Request:
    """2.1: the SCIMT officer case notes and forwards each subject on its own
    route. A subject whose route has no one to hold it waits, with the reason,
    and the others go on; forward again once the record is put right. Refused,
    changing nothing, only when no subject can go."""
    with begin("forward", actor, request) as step:
        step.check()  # every subject matched, and some route has someone to hold it
        skipped = (basic_information_skipped or "").strip()
        first = step.request.state != states.FORWARDED
        told = step.request.state != states.IDENTITY_VERIFIED  # shared, or forwarded before
        shared_now = not told and _basic_facts_first(step, skipped)
        told = told or shared_now
        waiting = waiting_to_forward(step.request, step.parts)
        world, decisions = route_decisions(waiting)
        held, telling = {}, []
        for part, decision in zip(waiting, decisions, strict=True):
            problem = route_problem(decision, world)
            if problem:
                _wait(part, problem)
                held[part.number] = problem
            else:
                first_words = _first_words(skipped, shared_now) if first else ""
                _forward_part(step, world, part, decision, first_words)
                # A subject not known was told so with the basic facts, if shared.
                if decision.message_kind and not (told and decision.message_kind == "not_known"):
                    telling.append((part, decision))
        _tell_requestor(step, world, telling)
        step.request.state = states.FORWARDED
        step.save_request("state")
        sent = [p for p in waiting if p.number not in held]
        detail = {"routes": {p.number: p.route for p in sent}}
        if held:
            detail["waiting"] = held
        if skipped and first:
            detail["basic_information_skipped"] = skipped
        step.audit(sent, **detail)
    return step.request


def _basic_facts_first(step: Step, skipped: str) -> bool:
    """Whether the requestor has been told the basic facts once this returns."""
    if shared_at_forward(
        agency=step.request.requestor_agency,
        any_known=any(p.person_id for p in step.parts),
        skipped_because=skipped,
    ):
        share(step, by_forward=True)
        return True
    return False


def _first_words(skipped: str, shared_now: bool) -> str:
    """For the forward's case note: how the basic facts came first (section 1)."""
    if shared_now:
        return " The basic information was shared with the requestor first."
    if skipped:
        return f" The basic information was not shared first, because: {skipped}"
    return ""


def _wait(part: RequestSubject, problem: str) -> None:
    """The part stays with the SCIMT, matched, saying why it cannot go yet (2.1)."""
    part.rationale = (
        f"Not forwarded yet: {problem} Then forward the request again to send this subject on."
    )
    part.save(update_fields=["rationale"])


def _forward_part(
    step: Step, world: World, part: RequestSubject, decision: Decision, first_words: str
) -> None:
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
    step.case_note(part, _forward_note(step, part, holder, first_words))
    step.notify(holder, "task_forwarded", subject=part)


def _forward_note(step: Step, part: RequestSubject, holder: Staff | None, first_words: str) -> str:
    request = step.request
    to = f"to {role_words(holder)}" if holder else "with no further action"
    return (
        f"{role_words(step.actor)} forwarded request {request.reference} from "
        f"{request.requestor_name} ({request.get_requestor_agency_display()}) {to}. "
        f"Route: {route_words(part.route)} (paragraph {part.paragraph}). Why: {part.rationale} "
        f"Asked for: {request.details}{first_words}"
    )


def _tell_requestor(step: Step, world: World, told: list[tuple[RequestSubject, Decision]]) -> None:
    """One message per kind for all the subjects it covers, not one per child."""
    by_kind: dict[str, list[tuple[RequestSubject, dict]]] = {}
    for part, decision in told:
        kind = decision.message_kind
        about = {"name": part.person.full_name if part.person else part.name_given}
        if kind == "worker_details":
            # 2.1.1 and 2.3: the current social worker's name and contact details.
            episode = current_open_episode(world.facts_for(part.person))
            about["worker"] = world.staff.get(episode.worker) if episode else None
        if kind == "team_details":
            # 2.3: an open case with no worker: the team holding it (never a supply).
            episode = current_open_episode(world.facts_for(part.person))
            team = world.teams.get(episode.team.ref) if episode and episode.team else None
            about["team"] = team
            about["manager"] = team.team_manager if team else None
        by_kind.setdefault(kind, []).append((part, about))
    for kind, subjects in by_kind.items():
        parts = [part for part, _ in subjects]
        message = step.message(
            kind,
            subject=parts[0] if len(parts) == 1 else None,
            subjects=[about for _, about in subjects],
            subject_name=names_together([about["name"] for _, about in subjects]),
            worker=subjects[0][1].get("worker"),
        )
        if kind in _DISCLOSED_AT_FORWARD:
            for part in parts:
                step.disclose(part, kind, message.text)


def pass_to_csm(
    *, actor: Staff, request: Request, to: Staff, reason: str, subject: int | None = None
) -> Request:
    """2.1.2, 2.1.3: 'The CSM should check that they are the right person to
    deal with the request'; if not, they pass it to the right CSM, saying why."""
    with begin("pass_to_csm", actor, request) as step:
        parts = step.choose_parts(subject)
        reason = require(reason, "reason_required", "Say why you are passing this request on.")
        refuse_if(not_in_post(to.display_name, to.is_active))
        if "csm" not in to.role_codes():
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
