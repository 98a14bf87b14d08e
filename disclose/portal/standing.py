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

# Each state's words are declared with the state (procedure/states.py), for
# staff and the portal alike; these are the requestor's.
REQUEST_WORDS = {state: words.requestor for state, words in states.REQUEST_STATE_WORDS.items()}
PART_WORDS = {state: words.requestor for state, words in states.PART_STATE_WORDS.items()}
# A part that ended without information, by why it ended; a request closed
# unanswered, by why it closed.
ENDED_WORDS = {reason: words.requestor for reason, words in states.END_REASON_WORDS.items()}
CLOSED_WORDS = {reason: words.requestor for reason, words in states.CLOSE_REASON_WORDS.items()}


@dataclass(frozen=True)
class Standing:
    words: str
    due: date | None
    parts: list[tuple[str, str]]  # (the person as they named them, where it stands)
    paused: bool = False


def standing_of(request: Request) -> Standing:
    subjects = list(request.subjects.all())
    if request.withdrawn_at is not None:  # before and after it closes
        return Standing(REQUEST_WORDS[states.WITHDRAWN], None, [])
    if request.state == states.CLOSED:
        words = CLOSED_WORDS.get(request.closed_because, REQUEST_WORDS[states.CLOSED])
        return Standing(words, None, [])
    words = REQUEST_WORDS.get(request.state, states.IN_PROGRESS)
    parts = []
    if request.state == states.FORWARDED:
        parts = [(_named(p), _part_words(p)) for p in subjects]
    due, paused = _next_due(request)
    return Standing(words, due, parts, paused)


def _part_words(part: RequestSubject) -> str:
    if part.state == states.ENDED:
        return ENDED_WORDS.get(part.ended_because, PART_WORDS[states.ENDED])
    return PART_WORDS.get(part.state, states.IN_PROGRESS)


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
