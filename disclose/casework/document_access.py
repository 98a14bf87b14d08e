"""Who has a reason to see a document (issue 4, item 5).

- staff who hold or have held a part of the request it belongs to (the
  holders table: the CSM, the team manager and the worker), and the SCIMT
  officer who logged it;
- the CSM who must approve, or approved, hard copies on the request;
- business support, for a document attached to hard copies a CSM has
  approved (nothing can be copied before that: note at the end of section 1),
  or one they uploaded themselves;
- Legal Services, for a request whose hard copies were sent to them (2.2);
- information governance.

Nobody else: a document they may not see looks like one that does not exist.
"""

from django.db.models import Q

from disclose.procedure import hard_copies as rules
from disclose.records.models import Staff

from .models import Document, HardCopyItem, HardCopyList, PartHolder

_SENT_OR_APPROVED = (rules.APPROVED, rules.WITHHELD, rules.DISPATCHED)


def may_see(staff: Staff, document: Document) -> bool:
    if not staff.is_authenticated or not staff.is_active:
        return False
    roles = staff.role_codes()
    if "information_governance" in roles:
        return True
    if document.uploaded_by_id == staff.pk:
        return True
    request = document.request
    if request is None:
        return False
    if request.owner_id == staff.pk or holds_part(staff, request):
        return True
    if "business_support" in roles and _approved_copy(document):
        return True
    if "legal_services" in roles and _sent_to_legal_services(request):
        return True
    return False


def holds_part(staff: Staff, request) -> bool:
    """Holds or has held a part of the request (the holders table), or decides
    its hard copies."""
    held = PartHolder.objects.filter(request=request, staff=staff)
    approves = HardCopyList.objects.filter(request=request).filter(
        Q(approver=staff) | Q(decided_by=staff)
    )
    return held.exists() or approves.exists()


def _approved_copy(document: Document) -> bool:
    return HardCopyItem.objects.filter(document=document, status__in=_SENT_OR_APPROVED).exists()


def has_approved_hard_copies(request) -> bool:
    return HardCopyItem.objects.filter(request=request, status__in=_SENT_OR_APPROVED).exists()


def _sent_to_legal_services(request) -> bool:
    return HardCopyList.objects.filter(request=request, state=rules.REDIRECTED).exists()
