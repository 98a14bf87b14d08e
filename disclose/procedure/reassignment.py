"""Staff who leave, and work that moves (scenario contract, December 2026).

People leave and fall ill every week. Someone who has left takes no step;
each part they held stays where it is, shown as "holder has left", until
someone reassigns it. Reassigning for sickness is the same step, with the
holder still in post. Only the holder may act on a part (2.1), so without
this a request would wait for good.

Who may move a part: a team manager, one held by a social worker of their own
team; a CSM, one held by a CSM (a decision), to another CSM; an administrator,
any part. The new holder must hold the role the part needs now.
"""

from . import states as s
from .case import PartFacts
from .roles import ROLES
from .states import Actor, Refusal

PARAGRAPH = "2.1"  # only the person a part is with acts on it

# The role a part needs at each stage: who holds it while it waits there.
HOLDER_ROLE = {
    s.AWAITING_DECISION: "csm",  # 2.1.2.1
    s.AWAITING_ALLOCATION: "team_manager",  # 2.1.2.1
    s.ALLOCATED: "social_worker",  # 2.1.1, 2.1.2.2
    s.IDENTITY_REVERIFIED: "social_worker",
}
OPEN_PART_STATES = frozenset(HOLDER_ROLE)
ADMINISTRATOR = "admin"  # roles.py; scenario files may call it `administrator`


def role_for_stage(state: str) -> str | None:
    """The role of whoever holds a part in this state; None once it is done."""
    return HOLDER_ROLE.get(state)


def inactive(actor: Actor) -> Refusal | None:
    """Someone who has left takes no step at all."""
    if actor.active:
        return None
    return Refusal(
        "staff_inactive",
        "You are recorded as having left, so you cannot take steps. If this is wrong, "
        "ask an administrator.",
        PARAGRAPH,
    )


def not_in_post(name: str, active: bool) -> Refusal | None:
    """Work is never handed to someone who has left: reassigning, allocating
    or passing it on to them is refused, as routing never picks them."""
    if active:
        return None
    return Refusal(
        "staff_inactive",
        f"{name} is recorded as having left. Choose someone who is in post.",
        PARAGRAPH,
    )


def check_reassigner(actor: Actor, part: PartFacts) -> Refusal | None:
    """May `actor` move this part, given who holds it now?"""
    needed = role_for_stage(part.state)
    if ADMINISTRATOR in actor.roles:
        return None
    if "csm" in actor.roles and needed == "csm":
        return None
    held_by_worker = needed == "social_worker"
    if "team_manager" in actor.roles and held_by_worker:
        if part.assignee_team is not None and part.assignee_team in actor.teams:
            return None
        return Refusal(
            "not_your_team",
            "This part is held by a social worker in another team. Ask their team manager, "
            "or an administrator, to reassign it.",
            PARAGRAPH,
        )
    return Refusal(
        "not_permitted_for_role",
        "A team manager reassigns work held by a social worker in their team, and a CSM a "
        "decision held by another CSM. Ask an administrator to reassign this part.",
        PARAGRAPH,
    )


def check_new_holder(
    *,
    state: str,
    holder: str | None,
    to: str,
    to_roles: frozenset[str],
    to_active: bool,
    to_name: str = "",
) -> Refusal | None:
    """The new holder is in post, holds the role the part needs now, and is someone else."""
    gone = not_in_post(to_name or to, to_active)
    if gone:
        return gone
    needed = role_for_stage(state)
    if needed is None or needed not in to_roles:
        words = ROLES.get(needed or "", "nobody").lower()
        words = words if needed != "csm" else "children's service manager"
        return Refusal(
            "wrong_role_for_stage",
            f"This part is waiting for a {words}. Choose a {words} to hold it.",
            PARAGRAPH,
        )
    if to == holder:
        return Refusal(
            "already_holds_it", "They already hold this part. Choose someone else.", PARAGRAPH
        )
    return None


def check_leaving(*, already_left: bool, name: str) -> Refusal | None:
    if already_left:
        return Refusal("already_done", f"{name} is already recorded as having left.", None)
    return None
