"""Where a request stands, in plain words for the professional who asked.

No state names, no route codes and no staff names: only what the procedure
tells the requestor anyway (section 1: the SCIMT checks who they are and shares
the basic facts; a manager decides on a closed case, 2.1.2, 2.1.3; a worker
supplies, 2.1). The due date is the next one the council owes them
(casework/deadlines.py), none while the clock waits on them.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from disclose.casework.deadlines import deadlines_for
from disclose.casework.models import Request, RequestSubject
from disclose.procedure import states

REQUEST_WORDS = {
    states.RECEIVED: "Received. We are checking who you are.",
    states.IDENTITY_VERIFIED: "We have checked who you are and are looking in our records.",
    states.IDENTITY_NOT_VERIFIED: (
        "We could not confirm who you are, so we cannot share anything yet. We have written to you."
    ),
    states.BASIC_INFORMATION_SHARED: (
        "We have sent you the basic information and are deciding who answers the rest."
    ),
    "awaiting_narrowing": (
        "You asked for a lot of information. We have suggested you view the records, or you "
        "can narrow your request to the specific information you need."
    ),
}
PART_WORDS = {
    states.AWAITING_DECISION: "A manager is deciding whether the information can be shared.",
    states.AWAITING_ALLOCATION: "Approved. It is being passed to a social worker.",
    states.ALLOCATED: "A social worker is preparing the information.",
    states.IDENTITY_REVERIFIED: "A social worker is preparing the information.",
    states.SUPPLIED: "Information sent to you.",
    states.DECLINED: "The council decided not to share this information. We have written to you.",
    states.COMPLETE: "Answered. We have written to you.",
    "ended": "Ended. Nothing more will be sent.",
}


@dataclass(frozen=True)
class Standing:
    words: str
    due: date | None
    parts: list[tuple[str, str]]  # (the person as they named them, where it stands)
    paused: bool = False


def standing_of(request: Request) -> Standing:
    subjects = list(request.subjects.all())
    if getattr(request, "withdrawn_at", None):
        return Standing("Withdrawn at your request. Nothing more will be sent.", None, [])
    if request.state == states.CLOSED:
        return Standing("Closed. We have written to you.", None, [])
    if request.state == states.FORWARDED:
        parts = [(_named(p), PART_WORDS.get(p.state, "In progress.")) for p in subjects]
        words = "Passed to the team that holds the records."
    else:
        parts = []
        words = REQUEST_WORDS.get(request.state, "In progress.")
    due, paused = _next_due(request)
    return Standing(words, due, parts, paused)


def _next_due(request: Request) -> tuple[date | None, bool]:
    open_stages = [d for d in deadlines_for(request) if d.open]
    if any(d.stopped for d in open_stages):
        return None, True
    dues = [d.due for d in open_stages if d.due]
    return (min(dues) if dues else None), False


def _named(part: RequestSubject) -> str:
    return f"{part.forename} {part.surname}".strip() or f"Person {part.number}"


def is_overdue(due: date | None) -> bool:
    return bool(due and due < timezone.localdate())
