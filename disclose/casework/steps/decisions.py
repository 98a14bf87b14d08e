"""The CSM's decision (2.1.2.1, 2.1.3.1) and the team manager's allocation."""

from collections.abc import Mapping

from disclose.council.models import CouncilProfile
from disclose.procedure import states
from disclose.procedure.lawful_basis import check_lawful_basis, describe_lawful_basis
from disclose.procedure.reassignment import not_in_post
from disclose.records.models import Staff

from ..errors import StepRefused, refuse_if
from ..models import Request, RequestSubject
from ._base import Step, begin, require, role_words
from .basic_information import names_together

DECISIONS = ("approve", "decline")


def decide(
    *,
    actor: Staff,
    request: Request,
    decision: str,
    reason: str,
    lawful_basis: Mapping[str, str] | None = None,
    message_to_requestor: str = "",
    subject: int | None = None,
) -> Request:
    """The CSM approves or declines, with a reason, case noted. A decline is
    sent to the requestor; an approval goes to the team manager of the last
    social work team, or the DCPT, to allocate (2.1.2.1, 2.1.3.1). Without the
    individual's consent, approval needs a recorded lawful basis.

    The reason is the CSM's own, for the record: it may name people or facts
    the requestor must not read, so it is never sent. The requestor reads
    `message_to_requestor`, or the council profile's standard words."""
    with begin("decide", actor, request) as step:
        parts = step.choose_parts(subject)
        if decision not in DECISIONS:
            raise StepRefused("invalid_input", "Choose approve or decline.", "2.1.2.1")
        reason = require(reason, "reason_required", "Give the reason for your decision.")
        approve = decision == "approve"
        told = (message_to_requestor or "").strip()
        if not approve:
            told = told or CouncilProfile.current().decline_message
        if approve:
            refuse_if(check_lawful_basis(step.request.consent, lawful_basis))
            managers = {p.number: _team_manager(p) for p in parts}
        for part in parts:
            part.decision, part.decision_reason = decision, reason
            part.decided_by, part.decided_at = actor, step.now
            part.state = states.state_after_decision(decision)
            if approve:
                part.lawful_basis = None if step.request.consent else dict(lawful_basis)
                step.hand_to(part, managers[part.number], "team_manager")
            # On a decline the CSM keeps the part: they tell the requestor and may close.
            part.save(
                update_fields=[
                    "decision",
                    "decision_reason",
                    "decided_by",
                    "decided_at",
                    "state",
                    "lawful_basis",
                    "assignee",
                ]
            )
            step.case_note(part, _decision_note(step, part, told))
            if approve:
                step.notify(part.assignee, "task_approved", subject=part, by=actor)
        if not approve:
            # One message for every subject declined in this step, not one per child.
            step.message(
                "decision_declined",
                subject=parts[0] if len(parts) == 1 else None,
                subject_name=names_together([_name(part) for part in parts]),
                explanation=told,
            )
        step.audit(parts, decision=decision, reason=reason, message_to_requestor=told)
    return step.request


def _team_manager(part: RequestSubject) -> Staff:
    team = part.team
    manager = team.team_manager if team else None
    if manager is None or not manager.is_active:
        where = team.name if team else "the team to allocate this part"
        raise StepRefused(
            "no_route_holder",
            f"No team manager is recorded for {where}. Ask an administrator to add one, "
            "then record your decision.",
            part.paragraph or "2.1.2.1",
        )
    return manager


def _decision_note(step: Step, part: RequestSubject, told: str) -> str:
    request = step.request
    verb = "approved" if part.decision == "approve" else "declined"
    note = (
        f"{role_words(step.actor)} {verb} request {request.reference} from "
        f"{request.requestor_name} ({request.get_requestor_agency_display()}). "
        f"Reason: {part.decision_reason}"
    )
    if part.decision == "approve":
        basis = describe_lawful_basis(request.consent, part.lawful_basis)
        note += f" Basis: {basis}. Passed to {role_words(part.assignee)} to allocate."
    else:
        note += f" The requestor was told: {told}"
    return note


def allocate(
    *, actor: Staff, request: Request, worker: Staff, subject: int | None = None
) -> Request:
    """The team manager allocates an approved part to a social worker."""
    with begin("allocate", actor, request) as step:
        parts = step.choose_parts(subject)
        refuse_if(not_in_post(worker.display_name, worker.is_active))
        if "social_worker" not in worker.role_codes():
            raise StepRefused(
                "not_a_social_worker",
                f"{worker.display_name} is not a social worker. Choose a social worker.",
                "2.1.2.1",
            )
        for part in parts:
            _check_same_team(part, worker, actor)
            step.hand_to(part, worker, "social_worker")
            part.worker = worker
            part.state = states.ALLOCATED
            part.save(update_fields=["assignee", "worker", "state"])
            step.notify(worker, "task_allocated", subject=part, by=actor)
        step.audit(parts, worker=worker.username)
    return step.request


def _check_same_team(part: RequestSubject, worker: Staff, actor: Staff) -> None:
    """A team manager allocates within the team that holds the part (2.1.2.1;
    issue 15, item 7): allocating gives the worker the whole record, so work
    for another team moves by reassignment, with a reason."""
    team = part.team or actor.team
    if team is not None and worker.team_id != team.pk:
        raise StepRefused(
            "not_your_team",
            f"{worker.display_name} is not in {team.name}, the team that holds this part. "
            "Choose a social worker from that team.",
            "2.1.2.1",
        )


def _name(part: RequestSubject) -> str:
    return part.person.full_name if part.person else part.name_given
