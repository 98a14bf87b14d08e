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
REQUEST_STATES = (
    RECEIVED,
    IDENTITY_VERIFIED,
    IDENTITY_NOT_VERIFIED,
    BASIC_INFORMATION_SHARED,
    FORWARDED,
    CLOSED,
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
)
FINISHED_PART_STATES = frozenset({SUPPLIED, DECLINED, COMPLETE})

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


@dataclass(frozen=True)
class Part:
    """What the rules need to know of one subject's part of a request."""

    state: str
    assignee: str | None = None
    route: str | None = None


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


def check_close(part_states: list[str], files_out: int) -> Refusal | None:
    """A request closes when every part is done and its files are back in storage."""
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
