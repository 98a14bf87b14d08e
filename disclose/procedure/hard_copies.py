"""Hard copies, as pure rules (2.2 and the note at the end of section 1).

"Some requestors ask for files to be printed or photocopied and sent to them.
This is not permitted. If, after information from the record has been shared,
the requestor asks for hard copy of particular documents, a CSM must give
permission. This should be the same CSM who gave the permission for
information to be shared."

2.2: the worker presents the list to the CSM; if granted, business support
produces the copies and sends them by secure email or Cryptshare. Police are
told to contact Legal Services under the protocol annex. Third-party
information is confirmed by the third party before it is forwarded.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .states import Actor, Part, Refusal

PARAGRAPH = "2.2"

# What happens to each item asked for.
AWAITING_APPROVAL = "awaiting_approval"
APPROVED = "approved"
REFUSED = "refused"
WITHHELD = "withheld"  # approved third-party item held back, unconfirmed, when the rest went
THIRD_PARTY_DECLINED = "third_party_declined"  # the originating agency did not agree
DISPATCHED = "dispatched"
REDIRECTED = "redirected_to_legal_services"
# The requestor withdrew the request before it was decided or sent: it never will be.
WITHDRAWN = "withdrawn"
ITEM_STATUSES = (
    AWAITING_APPROVAL,
    APPROVED,
    REFUSED,
    WITHHELD,
    THIRD_PARTY_DECLINED,
    DISPATCHED,
    REDIRECTED,
    WITHDRAWN,
)
SENDABLE = frozenset({APPROVED, WITHHELD})
CONFIRMABLE = frozenset({AWAITING_APPROVAL, APPROVED, WITHHELD})
# Still waiting on someone: the CSM to decide, or business support to send.
WAITING = frozenset({AWAITING_APPROVAL}) | SENDABLE

# What happens to a list as a whole.
LIST_STATES = (AWAITING_APPROVAL, APPROVED, REFUSED, REDIRECTED, WITHDRAWN)

CLOSED_CASE_FAMILIES = ("closed_electronic", "closed_mash_only", "closed_paper")
OPEN_CASE_FAMILY = "open"

# "portal": an alternative to Cryptshare for a request asked on the agency
# portal, where the professional downloads each file (issue 16, item 2).
DISPATCH_METHODS = ("secure_email", "cryptshare", "portal")


def check_hard_copy_step(
    verb: str, actor: Actor, *, request_state: str, part: Part | None = None
) -> Refusal | None:
    """The state machine's answer (steps.check_step): in the wrong state, the
    reason that matters is that nothing has been supplied to copy yet."""
    from .steps import check_step

    return check_step(verb, actor, request_state=request_state, part=part)


def item_ends_on_withdrawal(status: str) -> bool:
    """The requestor withdrew (states.ends_on_withdrawal): an item still waiting
    for the CSM's decision or to be sent (2.2) is withdrawn, so nothing waits
    for ever and nothing more is sent. An item sent, refused, declined by its
    agency or sent on to Legal Services stays as it was."""
    return status in WAITING


def list_ends_on_withdrawal(state: str) -> bool:
    """A list the CSM has not yet decided is withdrawn; a decision already
    given stands, as it was given (its unsent items are withdrawn)."""
    return state == AWAITING_APPROVAL


def goes_to_legal_services(agency: str) -> bool:
    """2.2: 'If police officers request hard copies, they should be advised to
    contact Legal Services under Annex C.' The copies go no further here."""
    return agency == "police"


@dataclass(frozen=True)
class Approver:
    ref: str | None  # the CSM who must decide; None when there is none
    rationale: str
    problem: str | None = None


def approving_csm(
    *, route: str, decided_by: str | None, team_csm: str | None, team_name: str | None
) -> Approver:
    """Who approves hard copies for this part.

    Closed cases: the CSM who approved the original sharing (section 1, note),
    even if they have since left; then another CSM reassigns with a reason.
    Open cases (2.1.1): no CSM decided, because the current worker supplied the
    information. The note still asks for a CSM's permission, so it goes to the
    CSM of the team holding the case, the manager closest to the case.
    """
    family = route.split(":", 1)[0]
    if family in CLOSED_CASE_FAMILIES:
        if decided_by is None:
            return Approver(None, "", "No CSM's approval is recorded for this part.")
        return Approver(
            decided_by, "The CSM who approved sharing the information (section 1, note)."
        )
    if family == OPEN_CASE_FAMILY:
        where = team_name or "the team holding the case"
        if team_csm is None:
            return Approver(
                None, "", f"No CSM is recorded for {where}. Ask an administrator to add one."
            )
        return Approver(
            team_csm,
            f"An open case has no approving CSM (2.1.1), so the CSM of {where} approves.",
        )
    return Approver(
        None, "", "No information was supplied on this route, so nothing can be copied."
    )


def check_approver(actor_ref: str, approver_ref: str, approver_name: str) -> Refusal | None:
    if actor_ref == approver_ref:
        return None
    return Refusal(
        "not_the_approving_csm",
        f"Only {approver_name}, the CSM who approved sharing this information, can decide on "
        "hard copies. If they have left, a CSM can reassign the decision, with a reason.",
        "1",
    )


def check_reassign(
    *, approver_active: bool, approver_name: str, to_is_csm: bool, reason: str
) -> Refusal | None:
    """Only when the approving CSM has left; to a CSM in post; with a reason."""
    if approver_active:
        return Refusal(
            "approving_csm_in_post",
            f"{approver_name} is still in post and must decide on these hard copies. "
            "Reassign only when the approving CSM has left.",
            "1",
        )
    if not to_is_csm:
        return Refusal("not_a_csm", "Choose a children's service manager who is in post.", "1")
    if not reason.strip():
        return Refusal("reason_required", "Say why you are reassigning this decision.", "1")
    return None


@dataclass(frozen=True)
class ItemFacts:
    title: str
    status: str
    third_party: bool
    confirmed: bool | None  # None: the originating agency has not answered yet
    key: int | None = None  # the caller's id for the item, to find it again
    has_file: bool = False  # a kept document is attached to it


@dataclass(frozen=True)
class DispatchPlan:
    send: tuple[ItemFacts, ...] = ()
    withhold: tuple[ItemFacts, ...] = ()
    refusal: Refusal | None = None


def plan_dispatch(items: Sequence[ItemFacts]) -> DispatchPlan:
    """What may be sent now: approved items, except third-party information the
    originating agency has not confirmed (2.2, NB), which is held back."""
    approved = [i for i in items if i.status in SENDABLE]
    if not approved:
        return DispatchPlan(
            refusal=Refusal(
                "hard_copies_not_approved",
                "No hard copies are approved and waiting to be sent. Nothing can be copied or "
                "sent until the CSM approves the list.",
                PARAGRAPH,
            )
        )
    send = tuple(i for i in approved if not i.third_party or i.confirmed is True)
    withhold = tuple(i for i in approved if i not in send)
    if not send:
        titles = "; ".join(i.title for i in withhold)
        return DispatchPlan(
            withhold=withhold,
            refusal=Refusal(
                "third_party_not_confirmed",
                f"Every item waiting to be sent is third-party information that the agency it "
                f"came from has not confirmed: {titles}. Record their confirmation first.",
                PARAGRAPH,
            ),
        )
    return DispatchPlan(send=send, withhold=withhold)


def check_confirmable(item: ItemFacts) -> Refusal | None:
    if not item.third_party:
        return Refusal(
            "not_third_party",
            f"'{item.title}' is not third-party information, so it needs no confirmation.",
            PARAGRAPH,
        )
    if item.status not in CONFIRMABLE:
        return Refusal(
            "wrong_state",
            f"'{item.title}' is {item.status.replace('_', ' ')}: there is nothing to confirm.",
            PARAGRAPH,
        )
    return None
