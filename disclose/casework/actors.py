"""A member of staff as the procedure's rules see them (procedure.states.Actor)."""

from disclose.procedure.states import Actor, Part


def roles_of(staff) -> frozenset[str]:
    """The roles someone may act in now: none once they have left (inactive) or
    when not signed in; a superuser is an administrator."""
    if not getattr(staff, "is_authenticated", False) or not staff.is_active:
        return frozenset()
    roles = staff.role_codes()
    return roles | {"admin"} if staff.is_superuser else roles


def actor_of(staff) -> Actor:
    if hasattr(staff, "as_actor"):
        # Someone who is not staff says how the rules see them (portal/actor.py).
        return staff.as_actor()
    return Actor(ref=staff.username, roles=roles_of(staff))


def part_of(subject) -> Part | None:
    """One subject's part of a request, as the rules see it."""
    if subject is None:
        return None
    assignee = subject.assignee.username if subject.assignee_id else None
    return Part(state=subject.state, assignee=assignee, route=subject.route or None)
