"""The requestor withdraws their request: every open part ends.

Nothing may be left waiting for ever (issue 12): a part still open ends
without information, its holder is told, and the requestor gets one email to
acknowledge it, and nothing more. Paper files or microfilm out of storage
still come back before the request closes (2.1.3.5): `close` refuses until
they are, and `return_files` is still open to business support.

Hard copies asked for on a part already supplied (2.2) wait on others too: a
list the CSM has not decided, and copies approved but not sent, are withdrawn
with the request, and the CSM or business support told, so none waits for a
decision or a sending that must never come.
"""

from disclose.procedure import hard_copies as hc_rules
from disclose.procedure import states
from disclose.records.models import Staff

from ..models import HardCopyItem, HardCopyList, Request, RequestSubject
from ._base import Step, begin, require, role_words
from .files import business_support_for


def withdraw(*, actor: Staff, request: Request, reason: str) -> Request:
    """The SCIMT officer, or whoever holds a part, records that the requestor withdrew."""
    with begin("withdraw", actor, request) as step:
        step.check()  # the SCIMT or a holder; not closed, not withdrawn already
        reason = require(reason, "reason_required", "Say why the requestor withdrew.")
        ended = [p for p in step.parts if states.ends_on_withdrawal(p.state)]
        for part in ended:
            _end(step, part, reason)
        copies = _withdraw_hard_copies(step, reason)
        step.request.state = states.WITHDRAWN
        step.request.withdrawn_at, step.request.withdraw_reason = step.now, reason
        step.save_request("state", "withdrawn_at", "withdraw_reason")
        step.message("withdrawal_acknowledged", names=[_name(p) for p in step.parts])
        with_copies = [p for p in step.parts if p.pk in copies and p not in ended]
        titles = [title for part_titles in copies.values() for title in part_titles]
        step.audit(
            ended + with_copies,
            reason=reason,
            ended=[p.number for p in ended],
            **({"hard_copies_withdrawn": titles} if titles else {}),
        )
    return step.request


def _withdraw_hard_copies(step: Step, reason: str) -> dict[int, list[str]]:
    """Withdraw what still waits on the CSM's decision or on business support
    (2.2), tell them, and note it on the person's record: the titles
    withdrawn, by part."""
    lists = list(
        HardCopyList.objects.filter(request=step.request)
        .select_related("approver", "listed_by", "subject__person")
        .prefetch_related("items")
        .order_by("id")
    )
    withdrawn: dict[int, list[str]] = {}
    for hard_copy_list in lists:
        items = [
            i for i in hard_copy_list.items.all() if hc_rules.item_ends_on_withdrawal(i.status)
        ]
        if not items:
            continue
        HardCopyItem.objects.filter(pk__in=[i.pk for i in items]).update(status=hc_rules.WITHDRAWN)
        waiting_on = business_support_for(hard_copy_list.listed_by)
        if hc_rules.list_ends_on_withdrawal(hard_copy_list.state):
            hard_copy_list.state = hc_rules.WITHDRAWN
            hard_copy_list.save(update_fields=["state"])
            waiting_on = [hard_copy_list.approver]
        titles = [i.title for i in items]
        for staff in waiting_on:
            if staff is not None and staff.pk != getattr(step.staff, "pk", None):
                step.notify(
                    staff,
                    "hard_copies_withdrawn",
                    subject=hard_copy_list.subject,
                    items=titles,
                    reason=reason,
                    by=step.actor,
                )
        withdrawn.setdefault(hard_copy_list.subject_id, []).extend(titles)
    for part in step.parts:
        if part.pk in withdrawn:
            step.case_note(
                part,
                f"{role_words(step.actor)} recorded that {step.request.requestor_name} withdrew "
                f"request {step.request.reference}. These hard copies will not be sent: "
                f"{'; '.join(withdrawn[part.pk])}. Their reason: {reason}",
            )
    return withdrawn


def _end(step: Step, part: RequestSubject, reason: str) -> None:
    holder = part.assignee
    part.state = states.ENDED
    part.ended_at, part.ended_because = step.now, states.ENDED_WITHDRAWN
    part.save(update_fields=["state", "ended_at", "ended_because"])
    request = step.request
    step.case_note(
        part,
        f"{role_words(step.actor)} recorded that {request.requestor_name} "
        f"({request.get_requestor_agency_display()}) withdrew request {request.reference}. "
        f"Their reason: {reason} Nothing more will be shared for this request.",
    )
    if holder is not None and holder.pk != getattr(step.staff, "pk", None):
        # The holder stops work now, rather than finding out later.
        step.notify(holder, "task_withdrawn", subject=part, reason=reason, by=step.actor)


def _name(part: RequestSubject) -> str:
    return part.person.full_name if part.person else part.name_given


__all__ = ["withdraw"]
