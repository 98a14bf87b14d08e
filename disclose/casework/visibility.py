"""Who may see a request (DESIGN.md: selectors read, limited to what the user may see).

A request names children and families: staff see it only if they work on it
(they hold or have held a part, logged it, were given a task on it, or decide
its hard copies), manage the team holding a part, or their role oversees all
requests (SCIMT, information governance, administrators). Business support
see a request whose files they fetch and return, and Legal Services one whose
hard copies were sent to them. Who held what is read from the holders table,
never from the audit trail.
"""

from django.db.models import Q

from .actors import roles_of
from .models import HardCopyList, PartHolder, Request, StaffNotification

OVERSEERS = frozenset({"scimt_officer", "information_governance", "admin"})


def can_see(user, request: Request) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = roles_of(user)
    if roles & OVERSEERS or request.owner_id == user.pk:
        return True
    mine = (
        Q(assignee=user)
        | Q(worker=user)
        | Q(decided_by=user)
        | Q(identity_reverified_by=user)
        | Q(team__team_manager=user)
        | Q(assignee__team__team_manager=user)
    )
    if "team_manager" in roles and user.team_id:
        mine |= Q(assignee__team_id=user.team_id)  # My work's team view
    if request.subjects.filter(mine).exists():
        return True
    # Held before (a CSM who passed it on, a team manager who allocated).
    if PartHolder.objects.filter(request=request, staff=user).exists():
        return True
    # A task landed on them (a CSM asked to approve hard copies, Legal Services).
    if StaffNotification.objects.filter(request=request, staff=user).exists():
        return True
    if (
        HardCopyList.objects.filter(request=request)
        .filter(Q(approver=user) | Q(decided_by=user))
        .exists()
    ):
        return True
    # Business support fetch and return the files asked for on any request.
    return "business_support" in roles and request.file_movements.exists()
