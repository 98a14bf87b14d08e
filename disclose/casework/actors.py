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
    # Staff.is_active is the one notion of having left (staff_leaves; the admin
    # screens): the hard copies' reassignment reads it too. Someone not signed in
    # has not left; they have no roles.
    left = getattr(staff, "is_authenticated", False) and not staff.is_active
    return Actor(
        ref=staff.username,
        roles=roles_of(staff),
        active=not left,
        teams=managed_teams(staff),
    )


def managed_teams(staff) -> frozenset[str]:
    """The teams whose social workers' work this team manager manages: their own,
    and any team that names them its manager. Asked once per object."""
    if not getattr(staff, "is_authenticated", False) or not staff.has_role("team_manager"):
        return frozenset()
    if not hasattr(staff, "_managed_teams"):
        from disclose.records.models import Team

        managed = set(Team.objects.filter(team_manager=staff).values_list("pk", flat=True))
        if staff.team_id:
            managed.add(staff.team_id)
        staff._managed_teams = frozenset(str(pk) for pk in managed)
    return staff._managed_teams


def part_of(subject) -> Part | None:
    """One subject's part of a request, as the rules see it."""
    if subject is None:
        return None
    assignee = subject.assignee.username if subject.assignee_id else None
    return Part(state=subject.state, assignee=assignee, route=subject.route or None)
