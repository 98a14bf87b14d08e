"""The request's state machine: states, steps, and who may take each.

A request has a state of its own (intake by the SCIMT), and after it is
forwarded each subject is a part with its own state and holder (2.1). Deny by
default: a step not listed here, or taken by a role not listed for it, in a
state not listed for it, or on a part someone else holds, is refused with a
stable code and a message that says what to do.
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
_VERIFIED = frozenset({IDENTITY_VERIFIED, BASIC_INFORMATION_SHARED})
_AFTER_SUPPLY = frozenset({FORWARDED, CLOSED})  # hard copies (2.2)
# Who may hold a part once forwarded, and the part states in which its clock runs
# (supplied: hard copies may still be waiting, 2.2).
_HOLDERS = frozenset({"csm", "team_manager", "social_worker"})
_CLOCK_PART_STATES = frozenset(
    {AWAITING_DECISION, AWAITING_ALLOCATION, ALLOCATED, IDENTITY_REVERIFIED, SUPPLIED}
)


@dataclass(frozen=True)
class Actor:
    ref: str
    roles: frozenset[str]


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


@dataclass(frozen=True)
class Step:
    roles: frozenset[str]
    request_states: frozenset[str]
    paragraph: str
    part_states: frozenset[str] | None = None  # None: a step on the request as a whole
    holder_only: bool = False  # only the person the part is assigned to


def _step(roles, request_states, paragraph, part_states=None, holder_only=False) -> Step:
    return Step(
        frozenset(roles),
        frozenset(request_states),
        paragraph,
        frozenset(part_states) if part_states is not None else None,
        holder_only,
    )


STEPS: dict[str, Step] = {
    "triage": _step({"scimt_officer"}, {RECEIVED}, "1"),
    "verify_identity": _step({"scimt_officer"}, {RECEIVED, IDENTITY_NOT_VERIFIED}, "1"),
    "match_subject": _step({"scimt_officer"}, BEFORE_FORWARD, "1", {UNMATCHED, MATCHED}),
    "share_basic_information": _step({"scimt_officer"}, _VERIFIED, "1"),
    "forward": _step({"scimt_officer"}, _VERIFIED, "2.1"),
    "pass_to_csm": _step({"csm"}, {FORWARDED}, "2.1.2", {AWAITING_DECISION}, holder_only=True),
    "decide": _step({"csm"}, {FORWARDED}, "2.1.2.1", {AWAITING_DECISION}, holder_only=True),
    "allocate": _step(
        {"team_manager"}, {FORWARDED}, "2.1.2.1", {AWAITING_ALLOCATION}, holder_only=True
    ),
    "reverify_identity": _step(
        {"social_worker"}, {FORWARDED}, "2.1.2.2", {ALLOCATED}, holder_only=True
    ),
    "request_microfilm": _step(
        {"social_worker"},
        {FORWARDED},
        "2.1.3.3",
        {ALLOCATED, IDENTITY_REVERIFIED},
        holder_only=True,
    ),
    "request_paper_files": _step(
        {"social_worker"},
        {FORWARDED},
        "2.1.3.3",
        {ALLOCATED, IDENTITY_REVERIFIED},
        holder_only=True,
    ),
    "retrieve_files": _step({"business_support"}, {FORWARDED}, "2.1.3.3"),
    "return_files": _step({"business_support"}, {FORWARDED, CLOSED}, "2.1.3.5"),
    "supply_information": _step(
        {"social_worker"}, {FORWARDED}, "2.1.1", {ALLOCATED, IDENTITY_REVERIFIED}, holder_only=True
    ),
    "close": _step(
        {"scimt_officer", "social_worker", "team_manager", "csm"},
        set(REQUEST_STATES) - {CLOSED},
        "2.1",
    ),
    # Hard copies (2.2, and the note at the end of section 1): only once the
    # information has been supplied, which may be after the request has closed.
    # Who may decide, and what may be sent, is in procedure/hard_copies.py.
    "request_hard_copies": _step(
        {"social_worker"}, _AFTER_SUPPLY, "2.2", {SUPPLIED}, holder_only=True
    ),
    "decide_hard_copies": _step({"csm"}, _AFTER_SUPPLY, "2.2", {SUPPLIED}),
    "reassign_hard_copy_approval": _step({"csm"}, _AFTER_SUPPLY, "2.2", {SUPPLIED}),
    "confirm_third_party": _step(
        {"social_worker", "business_support"}, _AFTER_SUPPLY, "2.2", {SUPPLIED}
    ),
    "attach_hard_copy_file": _step(
        {"social_worker", "business_support"}, _AFTER_SUPPLY, "2.2", {SUPPLIED}
    ),
    "dispatch_hard_copies": _step({"business_support"}, _AFTER_SUPPLY, "2.2"),
    # Time limits (issue 7): the clock stops while waiting on the requestor, and
    # a due date may be extended. Before forward the SCIMT officer, who holds
    # the request, does it for the whole request; after, each part's holder.
    **{
        verb: _step({"scimt_officer"}, BEFORE_FORWARD, "1")
        for verb in ("stop_clock", "restart_clock", "extend")
    },
    **{
        verb: _step(_HOLDERS, {FORWARDED}, "2.1", _CLOCK_PART_STATES, holder_only=True)
        for verb in ("stop_part_clock", "restart_part_clock", "extend_part")
    },
}

# Routes on which the allocated worker must verify the requestor again before
# supplying anything (2.1.2.2, 2.1.3.2). On an open case (2.1.1) the SCIMT's
# check stands.
REVERIFY_ROUTES = frozenset(
    {
        "closed_electronic:last_team_csm",
        "closed_electronic:dcpt_csm",
        "closed_mash_only:mash_csm",
        "closed_paper:last_team_csm",
        "closed_paper:dcpt_csm",
    }
)


def check_step(
    verb: str, actor: Actor, *, request_state: str, part: Part | None = None
) -> Refusal | None:
    """None if `actor` may take `verb` now; otherwise why not."""
    step = STEPS.get(verb)
    if step is None:
        return Refusal("unknown_step", f"'{verb}' is not a step of this procedure.")
    if not actor.roles & step.roles:
        return Refusal(
            "not_permitted_for_role",
            f"Your role does not allow this step. It is for: {_role_list(step.roles)}.",
            step.paragraph,
        )
    if verb in {"share_basic_information", "forward"} and request_state in {
        RECEIVED,
        IDENTITY_NOT_VERIFIED,
    }:
        return Refusal(
            "identity_not_verified",
            "Verify the requestor's identity first. Nothing is shared with an unverified requestor.",
            "1",
        )
    if request_state not in step.request_states:
        return Refusal(
            "wrong_state",
            f"This step cannot be taken while the request is {_words(request_state)}.",
            step.paragraph,
        )
    if step.part_states is None:
        return None
    if part is None:
        return Refusal(
            "wrong_state", "There is no part of this request for this step.", step.paragraph
        )
    if step.holder_only and part.assignee != actor.ref:
        return Refusal(
            "not_assigned_to_you",
            "This part of the request is not assigned to you. Only the person it is assigned to can do this.",
            step.paragraph,
        )
    if verb == "supply_information" and part.state == ALLOCATED and part.route in REVERIFY_ROUTES:
        return Refusal(
            "identity_not_verified",
            "Verify the requestor's identity again before supplying information.",
            "2.1.2.2",
        )
    if part.state not in step.part_states:
        return Refusal(
            "wrong_state",
            f"This step cannot be taken while this part is {_words(part.state)}.",
            step.paragraph,
        )
    return None


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


def _role_list(roles: frozenset[str]) -> str:
    return ", ".join(sorted(r.replace("_", " ") for r in roles))


def _words(state: str) -> str:
    return state.replace("_", " ")
