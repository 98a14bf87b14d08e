"""Who may see a request (DESIGN.md: selectors read, limited to what the user may see).

A request names children and families, so staff see it only while it is their
work (issue 15, item 7):

- they logged it, or hold a part of it now;
- they held a part and handed it on in the course of their own work (a team
  manager who allocated it, a worker whose part was reallocated) — but not a
  CSM who passed it to another CSM: once passed on it is that CSM's, and what
  the first CSM did is in their own case note;
- they decided it, re-verified the requestor, or were given a task on it (a
  CSM asked to approve hard copies, Legal Services);
- a part is with a social worker of a team they manage (the team's manager or
  CSM): never before the CSM has approved it and it reached the team;
- their role oversees all requests (SCIMT, information governance,
  administrators); business support see a request whose files they fetch.

Who held what is read from the holders table, never from the audit trail.
"""

from django.db.models import Q, QuerySet

from disclose.prepared import Prepared
from disclose.records.models import Staff

from .actors import roles_of
from .models import (
    FileMovement,
    HardCopyList,
    PartHolder,
    Request,
    RequestSubject,
    StaffNotification,
)
from .prefetched import prefetched

OVERSEERS = frozenset({"scimt_officer", "information_governance", "admin"})

# The parts of their own work: they hold it, work it, decided it or re-verified
# the requestor.
PART_ROLES = ("assignee", "worker", "decided_by", "identity_reverified_by")

# A CSM's holding that has ended without their decision: they passed the part
# to another CSM (2.1.2), or it was reassigned away from them.
PASSED_ON_BY_A_CSM = Q(role="csm", until__isnull=False)
HOLDING_TASKS = "task_"  # task_forwarded, task_passed, task_approved, task_allocated


def in_teams_managed_by(user, team: str = "team") -> Q:
    """Rows whose `team` (a path to a team) is one this person manages: a team
    naming them its team manager or CSM, and a team manager's own team (My
    team's work, issue 13). Said once for who may see a part, My team's work
    and who on it has no email address."""
    return in_teams_managed(user.pk, own_team(user), team)


def own_team(user) -> int | None:
    """The team a team manager manages as their own (None for anyone else)."""
    return user.team_id if "team_manager" in roles_of(user) else None


def in_teams_managed(manager: int, own_team: int | None, team: str = "team") -> Q:
    """in_teams_managed_by, from ids: for reads prepared once (disclose.prepared)."""
    managed = Q(**{f"{team}__team_manager": manager}) | Q(**{f"{team}__csm": manager})
    if own_team:
        managed |= Q(**{f"{team}_id": own_team})
    return managed


def visible_requests(user) -> QuerySet[Request]:
    """Every request this person may see, as one query: the rules of this
    module, written once, for lists (the list never loads every request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Request.objects.none()
    roles = roles_of(user)
    if roles & OVERSEERS:
        return Request.objects.all()
    return _visible_to(user.pk, own_team(user), "business_support" in roles)


def _visible_to(user: int, own_team: int | None, business_support: bool) -> QuerySet[Request]:
    """visible_requests for an active person of no overseeing role, from ids."""
    # My team's work (issue 13): a part with one of their team's workers.
    # The team's workers found first: joining every part to its worker's team
    # to compare made the database read all of them (issue 11).
    team_workers = Staff.objects.filter(in_teams_managed(user, own_team)).values("pk")
    mine = Q(worker__in=team_workers)
    for role in PART_ROLES:
        mine |= Q(**{role: user})
    handed_on = PartHolder.objects.filter(staff=user).exclude(PASSED_ON_BY_A_CSM)
    tasks = StaffNotification.objects.filter(staff=user).exclude(kind__startswith=HOLDING_TASKS)
    seen = (
        Q(owner=user)
        | Q(pk__in=RequestSubject.objects.filter(mine).values("request_id"))
        | Q(pk__in=handed_on.values("request_id"))
        # A task landed on them (a CSM asked to approve hard copies, Legal Services).
        # The tasks that hand a part on ("task_...") count only while held, above.
        | Q(pk__in=tasks.values("request_id"))
        | Q(
            pk__in=HardCopyList.objects.filter(Q(approver=user) | Q(decided_by=user)).values(
                "request_id"
            )
        )
    )
    if business_support:
        # Business support fetch and return the files asked for on any request.
        seen |= Q(pk__in=FileMovement.objects.values("request_id"))
    return Request.objects.filter(seen)


def _one_if_visible(user: int, own_team: int | None, business_support: bool, request: int):
    rows = _visible_to(user, own_team, business_support).filter(pk=request)
    return rows.values_list("pk", flat=True)


# can_see's question of the database, asked on every request page of someone
# whose way in is not a part of their own (a team's manager, say): its SQL
# written once per process, where writing it was a quarter of that page.
ONE_IF_VISIBLE = Prepared(_one_if_visible)


def can_see(user, request: Request) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = roles_of(user)
    if roles & OVERSEERS or request.owner_id == user.pk:
        return True
    # A part of their own work, seen in the parts a page has already read
    # (PART_ROLES, as in the rules above): asking the database cost a request
    # page an eighth of its time (issue 11). Only a yes is taken from here; the
    # database knows the other ways in (their team's work, a task, a hand-on).
    parts = prefetched(request, "subjects") or ()
    if any(getattr(part, f"{role}_id") == user.pk for part in parts for role in PART_ROLES):
        return True
    return bool(
        ONE_IF_VISIBLE.rows(
            user=user.pk,
            own_team=own_team(user),
            business_support="business_support" in roles,
            request=request.pk,
        )
    )
