"""The requestor withdraws their request: every open part ends.

Nothing may be left waiting for ever (issue 12): a part still open ends
without information, its holder is told, and the requestor gets one email to
acknowledge it, and nothing more. Paper files or microfilm out of storage
still come back before the request closes (2.1.3.5): `close` refuses until
they are, and `return_files` is still open to business support.
"""

from disclose.procedure import states
from disclose.records.models import Staff

from ..models import Request, RequestSubject
from ._base import Step, begin, require, role_words


def withdraw(*, actor: Staff, request: Request, reason: str) -> Request:
    """The SCIMT officer, or whoever holds a part, records that the requestor withdrew."""
    with begin("withdraw", actor, request) as step:
        step.check()  # the SCIMT or a holder; not closed, not withdrawn already
        reason = require(reason, "reason_required", "Say why the requestor withdrew.")
        ended = [p for p in step.parts if states.ends_on_withdrawal(p.state)]
        for part in ended:
            _end(step, part, reason)
        step.request.state = states.WITHDRAWN
        step.request.withdrawn_at, step.request.withdraw_reason = step.now, reason
        step.save_request("state", "withdrawn_at", "withdraw_reason")
        step.message("withdrawal_acknowledged", names=[_name(p) for p in step.parts])
        step.audit(ended, reason=reason, ended=[p.number for p in ended])
    return step.request


def _end(step: Step, part: RequestSubject, reason: str) -> None:
    holder = part.assignee
    part.state = states.ENDED
    part.ended_at, part.ended_because = step.now, states.ENDED_WITHDRAWN
    part.save(update_fields=["state", "ended_at", "ended_because"])
    request = step.request
    step.case_note(
        part,
        f"{role_words(step.actor)} recorded that {request.requestor_name} "
        f"({request.get_requestor_agency_display()}) withdrew request {request.reference}. "
        f"Their reason: {reason} Nothing more will be shared for this request.",
    )
    if holder is not None and holder.pk != getattr(step.staff, "pk", None):
        # The holder stops work now, rather than finding out later.
        step.notify(holder, "task_withdrawn", subject=part, reason=reason, by=step.actor)


def _name(part: RequestSubject) -> str:
    return part.person.full_name if part.person else part.name_given


__all__ = ["withdraw"]
