"""Staff who leave (scenario contract, December 2026; procedure/reassignment.py).

Leaving is Staff.is_active turned off: the one notion of having left, which
the hard copies' reassignment (hard_copy_decisions.py) and routing
(facts.staff_ref) already read. The parts a leaver held stay where they are,
shown as "holder has left", until someone reassigns them: nothing moves
silently.
"""

from django.db import transaction

from disclose.audit.log import record
from disclose.procedure import reassignment as moves
from disclose.procedure import states, steps
from disclose.procedure.case import Case
from disclose.records.models import Staff

from ..actors import actor_of
from ..errors import refuse_if
from ..models import Request, RequestSubject
from ._base import begin, require, role_words


def staff_leaves(*, actor: Staff, staff: Staff) -> Staff:
    """An administrator records that `staff` has left. One audit event, naming
    the parts they still hold (for the record; nothing reads it to decide)."""
    with transaction.atomic(durable=True):
        leaver = Staff.objects.select_for_update().get(pk=staff.pk)
        refuse_if(steps.refusal("staff_leaves", actor_of(actor), Case(state="")))
        refuse_if(moves.check_leaving(already_left=not leaver.is_active, name=leaver.display_name))
        leaver.is_active = False
        leaver.save(update_fields=["is_active"])
        held = (
            RequestSubject.objects.filter(assignee=leaver)
            .exclude(state__in=states.FINISHED_PART_STATES)
            .exclude(request__state=states.CLOSED)
            .order_by("request__reference", "number")
            .values_list("request__reference", "number")
        )
        record(
            event_type="staff_leaves",
            actor=actor,
            detail={"staff": leaver.username, "parts_held": [f"{r}/{n}" for r, n in held]},
        )
    staff.is_active = False
    return leaver


def reassign(
    *, actor: Staff, request: Request, to: Staff, reason: str, subject: int | None = None
) -> Request:
    """Move a part to someone else, because its holder has left or is away: a
    team manager for their team's workers, a CSM for a CSM's decision, an
    administrator for any part. One case note per part and one audit event say
    who moved it, from whom, to whom and why; the new holder is emailed."""
    with begin("reassign", actor, request) as step:
        parts = step.choose_parts(subject)
        reason = require(reason, "reason_required", "Say why you are reassigning it.")
        moved = []
        for part in parts:
            needed = moves.role_for_stage(part.state)
            refuse_if(
                moves.check_new_holder(
                    state=part.state,
                    holder=part.assignee.username if part.assignee_id else None,
                    to=to.username,
                    to_roles=to.role_codes(),
                    to_active=to.is_active,
                    to_name=to.display_name,
                )
            )
            old = part.assignee
            step.hand_to(part, to, needed)
            fields = ["assignee"]
            if needed == "social_worker":
                part.worker = to  # the worker supplying it (hard copies read it)
                fields.append("worker")
            part.save(update_fields=fields)
            step.case_note(part, _note(step, old, to, reason))
            # Told as on allocation: what has reached them, and what to do now.
            step.notify(to, "task_reassigned", subject=part, by=actor, was=old, reason=reason)
            moved.append(
                {
                    "subject": part.number,
                    "from": old.username if old else None,
                    "from_had_left": bool(old and not old.is_active),
                }
            )
        step.audit(parts, moved=moved, to=to.username, reason=reason)
    return step.request


def _note(step, old: Staff | None, to: Staff, reason: str) -> str:
    was = "nobody" if old is None else role_words(old)
    if old is not None and not old.is_active:
        was += ", who has left,"
    return (
        f"{role_words(step.actor)} reassigned request {step.request.reference} from {was} "
        f"to {role_words(to)}. Reason: {reason}"
    )
