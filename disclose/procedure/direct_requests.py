"""Requests made directly to the allocated worker (section 1).

"The SCIMT will be the first point of contact for all requests ... with the
exception of open cases where requests may be made directly to the allocated
social worker." Such a worker logs the request themselves, and it starts with
them (route open:allocated_worker, 2.1.1): they check the requestor's
identity and supply. Nobody else but the SCIMT logs a request.
"""

from .states import Actor, Refusal

ROUTE = "open:allocated_worker"
SCIMT, WORKER = "scimt_officer", "social_worker"


def check_logger(actor: Actor) -> Refusal | None:
    """Who may log a request at all: the SCIMT, or a social worker (for their own open cases)."""
    if not actor.active:
        return Refusal(
            "staff_inactive",
            "You are recorded as having left, so you cannot log a request.",
            "1",
        )
    if actor.roles & {SCIMT, WORKER}:
        return None
    return Refusal(
        "not_permitted_for_role",
        "Only the SCIMT logs requests, or the allocated social worker one made to them "
        "directly about their open case. Send it to the SCIMT.",
        "1",
    )


def logs_directly(actor: Actor) -> bool:
    """A social worker who is not also a SCIMT officer logs only their own cases."""
    return SCIMT not in actor.roles and WORKER in actor.roles


def check_direct(actor: Actor, routes: list[tuple[str, str | None]]) -> Refusal | None:
    """Each subject (route, holder) must be an open case allocated to this worker."""
    if all(route == ROUTE and holder == actor.ref for route, holder in routes):
        return None
    return Refusal(
        "not_your_open_case",
        "You can log a request only about a person whose open case is allocated to you. "
        "Send this one to the SCIMT to log.",
        "1",
    )
