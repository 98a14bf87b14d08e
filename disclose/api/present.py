"""Turning requests and their parts into what the API returns."""

from disclose.casework.actions import Action, actions_for
from disclose.casework.models import Request, RequestSubject


def staff_ref(staff) -> dict | None:
    if staff is None:
        return None
    return {"username": staff.username, "name": staff.display_name}


def part_out(part: RequestSubject) -> dict:
    return {
        "number": part.number,
        "forename": part.forename,
        "surname": part.surname,
        "dob": part.dob,
        "matched": part.matched,
        "person_id": part.person.person_id if part.person_id else None,
        "state": part.state,
        "route": part.route,
        "assignee": staff_ref(part.assignee),
        "decision": part.decision,
    }


def _step_now(action: Action) -> dict:
    refusal = action.refusal
    return {
        "step": action.name,
        "subject": action.subject,
        "holding": action.holding,
        "allowed": refusal is None,
        "refusal": {"code": refusal.code, "message": refusal.message} if refusal else None,
    }


def request_out(case: Request, staff) -> dict:
    """The request, its parts, and each step this person's roles could take
    here now, with why not (casework/actions.py: the pages' own answer)."""
    parts = list(
        RequestSubject.objects.filter(request=case)
        .select_related("person", "assignee", "worker", "request")
        .order_by("number")
    )
    actions = actions_for(staff, case, parts)
    everything = [*actions.request]
    for number in sorted(actions.parts):
        everything += actions.parts[number]
    for key in sorted(actions.holdings):
        everything += actions.holdings[key]
    return {
        "reference": case.reference,
        "received": case.received,
        "channel": case.channel,
        "state": case.state,
        "kind": case.kind,
        "extent": case.extent,
        "consent": case.consent,
        "requestor_name": case.requestor_name,
        "requestor_agency": case.requestor_agency,
        "requestor_role": case.requestor_role,
        "requestor_email": case.requestor_email,
        "requestor_phone": case.requestor_phone,
        "details": case.details,
        "outcome_route": case.outcome_route,
        "closed_at": case.closed_at,
        "parts": [part_out(p) for p in parts],
        "steps": [_step_now(a) for a in everything],
    }
