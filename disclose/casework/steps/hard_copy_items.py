"""Third-party items (2.2, NB: "disclosure of third party information ... should be
confirmed by the third party prior to forwarding") and the files attached to items."""

from datetime import date

from disclose.procedure import hard_copies as rules
from disclose.records.models import Staff

from ..errors import StepRefused, refuse_if
from ..models import Document, HardCopyItem, Request
from ._base import Step, begin, role_words
from .hard_copies import document_for


def confirm_third_party(
    *,
    actor: Staff,
    request: Request,
    item: str,
    confirmed: bool,
    who: str = "",
    how: str = "",
    on: date | None = None,
    subject: int | None = None,
) -> Request:
    """The originating agency's answer on a third-party item (2.2, NB): who
    there confirmed, how and when. Declined items are never sent."""
    with begin("confirm_third_party", actor, request) as step:
        row = _item(step, item, subject)
        part = row.hard_copy_list.subject
        step.check(part)  # their own case, or business support (the declaration)
        refuse_if(rules.check_confirmable(row.facts()))
        # The page asks who answered and how. A scenario file written to the
        # spec's table gives only the item and the answer: then the agency named
        # as the item's source stands as who, and how is left unrecorded.
        who = (who or "").strip() or row.source or "the originating agency"
        if how and how not in HardCopyItem.How.values:
            raise StepRefused(
                "confirmation_details_required",
                "Say how they answered: email, phone, letter or in person.",
                "2.2",
            )
        row.confirmed, row.confirmed_by_name, row.confirmed_how = bool(confirmed), who[:200], how
        row.confirmed_on = on or step.now.date()
        row.confirmation_recorded_by, row.confirmation_recorded_at = step.actor, step.now
        if not confirmed:
            row.status = rules.THIRD_PARTY_DECLINED
        row.save()
        answer = "agreed to" if confirmed else "did not agree to"
        manner = HardCopyItem.How(how).label.lower() if how else "how not recorded"
        step.case_note(
            part,
            f"{role_words(actor)} recorded that {who} ({row.source}) {answer} '{row.title}' "
            f"being sent to {step.request.requestor_name} "
            f"({manner}, {_day(row.confirmed_on)}).",
        )
        step.audit(
            [part],
            item=row.title,
            confirmed=bool(confirmed),
            who=who,
            how=how,
            on=row.confirmed_on.isoformat(),
        )
    return step.request


def _item(step: Step, title: str, subject: int | None) -> HardCopyItem:
    title = (title or "").strip()
    rows = HardCopyItem.objects.filter(request=step.request, title__iexact=title)
    if subject is not None:
        rows = rows.filter(hard_copy_list__subject=step.part(subject))
    row = rows.select_related("hard_copy_list__subject").order_by("-id").first()
    if row is None:
        raise StepRefused(
            "no_such_item", f"No hard copy called '{title}' is listed on this request.", "2.2"
        )
    # The part as locked by the step, so its state is the current one.
    row.hard_copy_list.subject = next(
        p for p in step.parts if p.pk == row.hard_copy_list.subject_id
    )
    return row


def attach_hard_copy_file(
    *, actor: Staff, request: Request, item: str, document: Document, subject: int | None = None
) -> Request:
    """Attach a kept document (the worker's, or the copy business support
    produced) to an item, before it is sent."""
    with begin("attach_hard_copy_file", actor, request) as step:
        row = _item(step, item, subject)
        part = row.hard_copy_list.subject
        step.check(part)
        if "business_support" in step.who.roles and row.status not in rules.SENDABLE:
            raise StepRefused(
                "hard_copies_not_approved", f"'{row.title}' is not approved to be sent.", "2.2"
            )
        if row.status not in (*rules.SENDABLE, rules.AWAITING_APPROVAL):
            raise StepRefused(
                "wrong_state", f"'{row.title}' is {row.get_status_display().lower()}.", "2.2"
            )
        row.document = document_for(step, 1, document)
        row.save(update_fields=["document"])
        step.audit([part], item=row.title, document=row.document.pk)
    return step.request


def _day(when) -> str:
    """'1 February 2014': GOV.UK style dates, no leading zero."""
    return f"{when.day} {when:%B %Y}"
