"""The request's states, and the parts' states.

A request has a state of its own (intake by the SCIMT), and after it is
forwarded each subject is a part with its own state and holder (2.1). The
steps that move them, and who may take each, are declared in steps.py.
"""

from dataclasses import dataclass

from .roles import ROLES as ROLE_WORDS

# Request states
RECEIVED = "received"
IDENTITY_VERIFIED = "identity_verified"
IDENTITY_NOT_VERIFIED = "identity_not_verified"
BASIC_INFORMATION_SHARED = "basic_information_shared"
FORWARDED = "forwarded"
CLOSED = "closed"
# Section 1: a request for a lot of information is advised to view the
# records. It stays open, waiting for the requestor to narrow it (or not).
AWAITING_NARROWING = "awaiting_narrowing"
# The requestor withdrew: every open part has ended; files out come back first.
WITHDRAWN = "withdrawn"
REQUEST_STATES = (
    RECEIVED,
    IDENTITY_VERIFIED,
    IDENTITY_NOT_VERIFIED,
    BASIC_INFORMATION_SHARED,
    FORWARDED,
    CLOSED,
    AWAITING_NARROWING,
    WITHDRAWN,
)

# Part (subject) states
UNMATCHED = "unmatched"
MATCHED = "matched"
AWAITING_DECISION = "awaiting_decision"
AWAITING_ALLOCATION = "awaiting_allocation"
ALLOCATED = "allocated"
IDENTITY_REVERIFIED = "identity_reverified"
SUPPLIED = "supplied"
DECLINED = "declined"
COMPLETE = "complete"
# Ended without information: nothing is supplied and nothing more is sent
# (the worker could not verify the requestor again, 2.1.2.2 and 2.1.3.2; or
# the requestor withdrew). Why is kept with the part (END_REASONS).
ENDED = "ended"
PART_STATES = (
    UNMATCHED,
    MATCHED,
    AWAITING_DECISION,
    AWAITING_ALLOCATION,
    ALLOCATED,
    IDENTITY_REVERIFIED,
    SUPPLIED,
    DECLINED,
    COMPLETE,
    ENDED,
)
FINISHED_PART_STATES = frozenset({SUPPLIED, DECLINED, COMPLETE, ENDED})

# Why a part ended without information.
ENDED_IDENTITY_NOT_VERIFIED = "identity_not_verified"
ENDED_WITHDRAWN = "withdrawn"
END_REASONS = (ENDED_IDENTITY_NOT_VERIFIED, ENDED_WITHDRAWN)

# Why a request was closed, when it was not answered in the usual way.
CLOSED_WITHDRAWN = "withdrawn"
CLOSED_NOT_NARROWED = "not_narrowed"
CLOSE_REASONS = (CLOSED_WITHDRAWN, CLOSED_NOT_NARROWED)


# What each state is called, to each audience, declared once here: a new state
# is worded where it is declared. Staff pages read `staff` (a GOV.UK tag, in
# `colour`) and `needed` (My work: what its holder does next); the agency
# portal reads `requestor`, which names no state, route or member of staff and
# says only what the procedure tells the requestor anyway (section 1: the SCIMT
# checks who they are and shares the basic facts; 2.1.2 and 2.1.3: a manager
# decides on a closed case; 2.1: a worker supplies).
@dataclass(frozen=True)
class StateWords:
    staff: str
    colour: str
    requestor: str
    needed: str = ""


# A part not yet forwarded, or a state with no words of its own: nothing more to tell them.
IN_PROGRESS = "In progress."

REQUEST_STATE_WORDS: dict[str, StateWords] = {
    RECEIVED: StateWords(
        "Received",
        "blue",
        "Received. We are checking who you are.",
        "Check the requestor's identity",
    ),
    IDENTITY_VERIFIED: StateWords(
        "Identity checked",
        "light-blue",
        "We have checked who you are and are looking in our records.",
        "Match the subjects to the records",
    ),
    IDENTITY_NOT_VERIFIED: StateWords(
        "Identity not verified",
        "red",
        "We could not confirm who you are, so we cannot share anything yet. "
        "We have written to you.",
        "Check the requestor's identity again, or close",
    ),
    BASIC_INFORMATION_SHARED: StateWords(
        "Basic information shared",
        "turquoise",
        "We have sent you the basic information and are deciding who answers the rest.",
        "Forward the request",
    ),
    FORWARDED: StateWords("Forwarded", "purple", "Passed to the team that holds the records."),
    CLOSED: StateWords("Closed", "grey", "Closed. We have written to you."),
    AWAITING_NARROWING: StateWords(
        "Waiting for the requestor to narrow it",
        "yellow",
        "You asked for a lot of information. We have suggested you view the records, or you "
        "can narrow your request to the specific information you need.",
        "Record a narrower request when the requestor replies, or close it",
    ),
    WITHDRAWN: StateWords(
        "Withdrawn by the requestor",
        "grey",
        "Withdrawn at your request. Nothing more will be sent.",
        "Close the request once any files are back in storage",
    ),
}

PART_STATE_WORDS: dict[str, StateWords] = {
    UNMATCHED: StateWords("Not matched yet", "yellow", IN_PROGRESS),
    MATCHED: StateWords("Matched", "light-blue", IN_PROGRESS),
    AWAITING_DECISION: StateWords(
        "Waiting for a CSM's decision",
        "orange",
        "A manager is deciding whether the information can be shared.",
        "Decide whether to share",
    ),
    AWAITING_ALLOCATION: StateWords(
        "Waiting to be allocated",
        "orange",
        "Approved. It is being passed to a social worker.",
        "Allocate to a social worker",
    ),
    ALLOCATED: StateWords(
        "Allocated",
        "blue",
        "A social worker is preparing the information.",
        "Supply the information",
    ),
    IDENTITY_REVERIFIED: StateWords(
        "Identity checked again",
        "blue",
        "A social worker is preparing the information.",
        "Supply the information",
    ),
    SUPPLIED: StateWords("Information supplied", "green", "Information sent to you."),
    DECLINED: StateWords(
        "Declined",
        "red",
        "The council decided not to share this information. We have written to you.",
    ),
    COMPLETE: StateWords("Complete", "green", "Answered. We have written to you."),
    ENDED: StateWords("Ended without information", "grey", "Ended. Nothing more will be sent."),
}


@dataclass(frozen=True)
class ReasonWords:
    staff: str
    requestor: str


# Why a part ended without information, to each audience.
END_REASON_WORDS: dict[str, ReasonWords] = {
    ENDED_IDENTITY_NOT_VERIFIED: ReasonWords(
        "The requestor's identity could not be verified again",
        "Ended: we could not confirm who you are, so nothing was shared. We have written to you.",
    ),
    ENDED_WITHDRAWN: ReasonWords(
        "The requestor withdrew the request", "Ended: you withdrew your request."
    ),
}
# Why a request closed unanswered, to each audience.
CLOSE_REASON_WORDS: dict[str, ReasonWords] = {
    CLOSED_WITHDRAWN: ReasonWords(
        "The requestor withdrew the request", REQUEST_STATE_WORDS[WITHDRAWN].requestor
    ),
    CLOSED_NOT_NARROWED: ReasonWords(
        "The requestor did not narrow the request to specific information",
        "Closed. You did not narrow your request to specific information. To view the "
        "records, or to ask for specific information, make a new request.",
    ),
}

ROLES = tuple(ROLE_WORDS)  # procedure/roles.py

BEFORE_FORWARD = frozenset(
    {RECEIVED, IDENTITY_VERIFIED, IDENTITY_NOT_VERIFIED, BASIC_INFORMATION_SHARED}
)


@dataclass(frozen=True)
class Actor:
    ref: str
    roles: frozenset[str]
    # A requestor's own requests, by reference (roles.REQUESTOR; the agency portal).
    requests: frozenset[str] = frozenset()
    # False once they have left (staff_leaves): every step is refused (staff_inactive).
    active: bool = True
    # The teams whose social workers' work they manage, as team manager (reassign).
    teams: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Part:
    """What the rules need to know of one subject's part of a request."""

    state: str
    assignee: str | None = None
    route: str | None = None
    # False when nobody has yet checked the requestor for it: a request made
    # directly to the allocated worker (section 1), who checks before supplying.
    identity_checked: bool = True


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    paragraph: str | None = None


def state_after_forward(route: str) -> str:
    """Where a subject's part starts once forwarded (2.1)."""
    if route == "open:allocated_worker":
        return ALLOCATED
    if route == "open:unallocated":
        return AWAITING_ALLOCATION
    if route.startswith("closed_"):
        return AWAITING_DECISION
    return COMPLETE  # not known, and Ofsted: the SCIMT's message is the whole answer (2.3)


def state_after_decision(decision: str) -> str:
    """Approved goes to a team manager to allocate; declined ends the part (2.1.2.1)."""
    return AWAITING_ALLOCATION if decision == "approve" else DECLINED


def part_state_after_reverify(verified: bool) -> str:
    """The worker's second check (2.1.2.2, 2.1.3.2): verified goes on to supply;
    not verified ends the part, as nothing may be shared with them."""
    return IDENTITY_REVERIFIED if verified else ENDED


def ends_on_withdrawal(part_state: str) -> bool:
    """The requestor withdrew: every part not yet finished ends (a part
    already supplied or declined stays as it is)."""
    return part_state not in FINISHED_PART_STATES


def closed_because(request_state: str) -> str:
    """What closing a request in this state records: a withdrawn request, or
    one the requestor never narrowed (section 1); '' for any other."""
    return {WITHDRAWN: CLOSED_WITHDRAWN, AWAITING_NARROWING: CLOSED_NOT_NARROWED}.get(
        request_state, ""
    )


def check_close(part_states: list[str], files_out: int) -> Refusal | None:
    """A request closes when every part has ended (supplied, declined, ended
    without information...) and its files are back in storage."""
    unfinished = [s for s in part_states if s not in FINISHED_PART_STATES]
    if unfinished:
        return Refusal(
            "parts_outstanding",
            f"{len(unfinished)} part(s) of this request are still in progress. "
            "Finish them before closing the request.",
            "2.1",
        )
    if files_out:
        return Refusal(
            "files_not_returned",
            f"{files_out} file(s) requested for this request are not back in storage. "
            "Business support must return them before the request can close.",
            "2.1.3.5",
        )
    return None


def __getattr__(name: str):
    """The steps themselves are declared in steps.py; read them from here too."""
    if name in ("STEPS", "check_step", "REVERIFY_ROUTES"):
        from . import steps

        return getattr(steps, name)
    raise AttributeError(name)
