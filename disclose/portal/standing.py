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
    states.AWAITING_NARROWING: (
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
    states.ENDED: "Ended. Nothing more will be sent.",
}
# A part that ended without information, by why it ended.
ENDED_WORDS = {
    states.ENDED_IDENTITY_NOT_VERIFIED: (
        "Ended: we could not confirm who you are, so nothing was shared. We have written to you."
    ),
    states.ENDED_WITHDRAWN: "Ended: you withdrew your request.",
}
WITHDRAWN = "Withdrawn at your request. Nothing more will be sent."
CLOSED = "Closed. We have written to you."
CLOSED_NOT_NARROWED = (
    "Closed. You did not narrow your request to specific information. To view the records, "
    "or to ask for specific information, make a new request."
)


@dataclass(frozen=True)
class Standing:
    words: str
    due: date | None
    parts: list[tuple[str, str]]  # (the person as they named them, where it stands)
    paused: bool = False


def standing_of(request: Request) -> Standing:
    subjects = list(request.subjects.all())
    if request.withdrawn_at is not None:
        return Standing(WITHDRAWN, None, [])
    if request.state == states.CLOSED:
        if request.closed_because == states.CLOSED_NOT_NARROWED:
            return Standing(CLOSED_NOT_NARROWED, None, [])
        return Standing(CLOSED, None, [])
    if request.state == states.FORWARDED:
        parts = [(_named(p), _part_words(p)) for p in subjects]
        words = "Passed to the team that holds the records."
    else:
        parts = []
        words = REQUEST_WORDS.get(request.state, "In progress.")
    due, paused = _next_due(request)
    return Standing(words, due, parts, paused)


def _part_words(part: RequestSubject) -> str:
    if part.state == states.ENDED:
        return ENDED_WORDS.get(part.ended_because, PART_WORDS[states.ENDED])
    return PART_WORDS.get(part.state, "In progress.")


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
