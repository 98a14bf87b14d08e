"""Who may see a request (DESIGN.md: selectors read, limited to what the user may see).

A request names children and families: staff see it only if they work on it
(they hold or have held a part, logged it, were given a task on it, or decide
its hard copies), manage the team holding a part, or their role oversees all
requests (SCIMT, information governance, administrators). Business support
see a request whose files they fetch and return, and Legal Services one whose
hard copies were sent to them. Who held what is read from the holders table,
never from the audit trail.
"""

from django.db.models import Q, QuerySet

from .actors import roles_of
from .models import (
    FileMovement,
    HardCopyList,
    PartHolder,
    Request,
    RequestSubject,
    StaffNotification,
)

OVERSEERS = frozenset({"scimt_officer", "information_governance", "admin"})


def visible_requests(user) -> QuerySet[Request]:
    """Every request this person may see, as one query: the rules of this
    module, written once, for lists (the list never loads every request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Request.objects.none()
    roles = roles_of(user)
    if roles & OVERSEERS:
        return Request.objects.all()
    mine = (
        Q(assignee=user)
        | Q(worker=user)
        | Q(decided_by=user)
        | Q(identity_reverified_by=user)
        | Q(team__team_manager=user)
        | Q(assignee__team__team_manager=user)
        | Q(assignee__team__csm=user)  # My team's work (issue 13)
    )
    if "team_manager" in roles and user.team_id:
        mine |= Q(assignee__team_id=user.team_id)  # My work's team view
    seen = (
        Q(owner=user)
        | Q(pk__in=RequestSubject.objects.filter(mine).values("request_id"))
        # Held before (a CSM who passed it on, a team manager who allocated).
        | Q(pk__in=PartHolder.objects.filter(staff=user).values("request_id"))
        # A task landed on them (a CSM asked to approve hard copies, Legal Services).
        | Q(pk__in=StaffNotification.objects.filter(staff=user).values("request_id"))
        | Q(
            pk__in=HardCopyList.objects.filter(Q(approver=user) | Q(decided_by=user)).values(
                "request_id"
            )
        )
    )
    if "business_support" in roles:
        # Business support fetch and return the files asked for on any request.
        seen |= Q(pk__in=FileMovement.objects.values("request_id"))
    return Request.objects.filter(seen)


def can_see(user, request: Request) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if roles_of(user) & OVERSEERS or request.owner_id == user.pk:
        return True
    return visible_requests(user).filter(pk=request.pk).exists()
