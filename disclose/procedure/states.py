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
