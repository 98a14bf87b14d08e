"""Who has a reason to see a document (issue 4, item 5).

- staff who hold or have held a part of the request it belongs to: the SCIMT
  officer who logged it, the CSM who decided, the team manager and worker,
  anyone who took one of the procedure's steps on it;
- the CSM who must approve, or approved, hard copies on the request;
- business support, for a document attached to hard copies a CSM has
  approved (nothing can be copied before that: note at the end of section 1),
  or one they uploaded themselves;
- Legal Services, for a request whose hard copies were sent to them (2.2);
- information governance.

Nobody else: a document they may not see looks like one that does not exist.
"""

from django.db.models import Q

from disclose.audit.models import AuditEvent
from disclose.procedure import hard_copies as rules
from disclose.records.models import Staff

from .models import Document, HardCopyItem, HardCopyList, RequestSubject

# Steps that mean the person held, or holds, a part of the request.
HOLDING_STEPS = (
    "verify_identity",
    "match_subject",
    "share_basic_information",
    "forward",
    "pass_to_csm",
    "decide",
    "allocate",
    "request_microfilm",
    "request_paper_files",
    "supply_information",
    "request_hard_copies",
    "decide_hard_copies",
    "reassign_hard_copy_approval",
    "close",
)
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
    """Holds or has held a part of the request, or decides its hard copies."""
    holds = RequestSubject.objects.filter(request=request).filter(
        Q(assignee=staff) | Q(worker=staff) | Q(decided_by=staff)
    )
    approves = HardCopyList.objects.filter(request=request).filter(
        Q(approver=staff) | Q(decided_by=staff)
    )
    acted = AuditEvent.objects.filter(
        actor=staff,
        request_reference=request.reference,
        category=AuditEvent.Category.CHANGE,
        event_type__in=HOLDING_STEPS,
    )
    return holds.exists() or approves.exists() or acted.exists()


def _approved_copy(document: Document) -> bool:
    return HardCopyItem.objects.filter(document=document, status__in=_SENT_OR_APPROVED).exists()


def has_approved_hard_copies(request) -> bool:
    return HardCopyItem.objects.filter(request=request, status__in=_SENT_OR_APPROVED).exists()


def _sent_to_legal_services(request) -> bool:
    return HardCopyList.objects.filter(request=request, state=rules.REDIRECTED).exists()
