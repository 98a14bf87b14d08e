"""The CSM's decision on hard copies (section 1, note; 2.2), and reassigning it
when the approving CSM has left (issue 4, item 1)."""

from disclose.procedure import hard_copies as rules
from disclose.records.models import Staff

from ..errors import StepRefused, refuse_if
from ..models import HardCopyItem, HardCopyList, Request, RequestSubject
from ._base import Step, begin, require, role_words
from .files import business_support_for

DECISIONS = ("approve", "refuse")


def decide_hard_copies(
    *,
    actor: Staff,
    request: Request,
    decision: str,
    reason: str,
    upload_to_documents: bool = False,
    subject: int | None = None,
) -> Request:
    """Only the approving CSM approves or refuses the list (section 1, note). A
    refusal is sent to the requestor; an approval goes to business support to
    produce and send (2.2), uploading to documents if the CSM asks."""
    with begin("decide_hard_copies", actor, request) as step:
        # Only the approving CSM (section 1, note): the declaration's pre-check.
        lists = _waiting_lists(step, subject, "decide_hard_copies")
        if decision not in DECISIONS:
            raise StepRefused("invalid_input", "Choose approve or refuse.", "2.2")
        reason = require(reason, "reason_required", "Give the reason for your decision.")
        mine = [lst for lst in lists if lst.approver_id == actor.pk]
        for hard_copy_list in mine:
            _decide_list(step, hard_copy_list, decision, reason, bool(upload_to_documents))
        step.audit(
            [lst.subject for lst in mine],
            decision=decision,
            reason=reason,
            upload_to_documents=bool(upload_to_documents),
            items=[i.title for lst in mine for i in lst.items.all()],
        )
    return step.request


def _waiting_lists(step: Step, subject: int | None, verb: str) -> list[HardCopyList]:
    """The lists waiting for a decision on the parts this step may be taken on
    (the declaration checks there is one)."""
    allowed = step.choose_parts(subject, verb)
    return list(
        HardCopyList.objects.filter(subject__in=allowed, state=rules.AWAITING_APPROVAL)
        .select_related("approver", "subject__person", "listed_by")
        .prefetch_related("items")
        .order_by("id")
    )


def _decide_list(step: Step, hard_copy_list: HardCopyList, decision, reason, upload) -> None:
    approve = decision == "approve"
    status = rules.APPROVED if approve else rules.REFUSED
    hard_copy_list.state = status
    hard_copy_list.decided_by, hard_copy_list.decided_at = step.actor, step.now
    hard_copy_list.decision_reason = reason
    hard_copy_list.upload_to_documents = approve and upload
    hard_copy_list.save()
    items = list(hard_copy_list.items.all())
    # An item its originating agency has already declined stays declined.
    HardCopyItem.objects.filter(
        hard_copy_list=hard_copy_list, status=rules.AWAITING_APPROVAL
    ).update(status=status)
    part = hard_copy_list.subject
    titles = "; ".join(i.title for i in items)
    note = (
        f"{role_words(step.actor)} {'approved' if approve else 'refused'} hard copies for "
        f"{step.request.requestor_name} of: {titles}. Reason: {reason}"
    )
    if approve:
        note += " Upload to documents: " + ("yes." if upload else "no.")
        unconfirmed = [i for i in items if i.third_party and i.confirmed is not True]
        for staff in business_support_for(hard_copy_list.listed_by):
            step.notify(
                staff,
                "hard_copies_approved",
                subject=part,
                items=items,
                unconfirmed=unconfirmed,
                by=step.actor,
                reason=reason,
            )
    else:
        step.message(
            "hard_copies_refused",
            subject=part,
            items=items,
            reason=reason,
            subject_name=_name(part),
        )
    step.case_note(part, note)


def reassign_hard_copy_approval(
    *, actor: Staff, request: Request, to: Staff, reason: str, subject: int | None = None
) -> Request:
    """The approving CSM has left: a CSM in post gives the decision to another
    CSM (or takes it), with a recorded reason (issue 4, item 1)."""
    with begin("reassign_hard_copy_approval", actor, request) as step:
        lists = _waiting_lists(step, subject, "reassign_hard_copy_approval")
        reason = (reason or "").strip()
        to_is_csm = to.is_active and "csm" in to.role_codes()
        for hard_copy_list in lists:
            old = hard_copy_list.approver
            refuse_if(
                rules.check_reassign(
                    approver_active=old.is_active,
                    approver_name=old.display_name,
                    to_is_csm=to_is_csm,
                    reason=reason,
                )
            )
            hard_copy_list.approver = to
            hard_copy_list.reassigned_by, hard_copy_list.reassigned_at = actor, step.now
            hard_copy_list.reassign_reason = reason
            hard_copy_list.save()
            step.case_note(
                hard_copy_list.subject,
                f"{role_words(actor)} reassigned the decision on hard copies from "
                f"{old.display_name}, who has left, to {role_words(to)}. Reason: {reason}",
            )
            step.notify(
                to,
                "hard_copies_to_approve",
                subject=hard_copy_list.subject,
                items=list(hard_copy_list.items.all()),
                by=actor,
                approver=to,
                reason=reason,
            )
        step.audit([lst.subject for lst in lists], to=to.username, reason=reason)
    return step.request


def _name(part: RequestSubject) -> str:
    return part.person.full_name if part.person else part.name_given
