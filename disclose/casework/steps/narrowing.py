"""A broad request narrowed to specific information (section 1).

Where a lot of information or a detailed history is asked for, the
professional "should be encouraged to view the records instead": advice, so
the request waits for them (states.AWAITING_NARROWING). If they reply with
the specific information they need, the SCIMT records it here and the request
goes on as any specific request: identity, matching, basic facts, and each
subject's route at forward.
"""

from disclose.procedure import states
from disclose.records.models import Staff

from ..errors import StepRefused
from ..models import Extent, Request
from ._base import begin, require


def narrow_request(*, actor: Staff, request: Request, details: str, extent: str) -> Request:
    with begin("narrow_request", actor, request) as step:
        step.check()  # a SCIMT officer, on a request waiting to be narrowed
        if extent != Extent.SPECIFIC:
            raise StepRefused(
                "invalid_input",
                "A narrower request asks for specific information. If the requestor still "
                "wants a lot of information, they can view the records; otherwise close it.",
                "1",
            )
        details = require(
            details, "details_required", "Enter the specific information the requestor needs."
        )
        case = step.request
        before = case.details
        case.details, case.extent, case.narrowed_at = details, Extent.SPECIFIC, step.now
        case.state = states.RECEIVED
        # The advice stands in the messages sent; the request is in scope now.
        case.outcome_route = case.outcome_paragraph = case.outcome_rationale = ""
        step.save_request(
            "details",
            "extent",
            "narrowed_at",
            "state",
            "outcome_route",
            "outcome_paragraph",
            "outcome_rationale",
        )
        step.audit(step.parts, details=details, asked_before=before)
    return step.request


__all__ = ["narrow_request"]
