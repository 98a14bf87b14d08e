"""Business support sends the approved hard copies (2.2).

"If granted, Business Support will produce the hard copies and forward on to
the professional via secure email or Cryptshare; add a case note to Framework
detailing the items forwarded and the CSM's approval (uploading to Documents if
necessary as requested by CSM)." Third-party items not yet confirmed by the
agency they came from are held back; the rest go (2.2, NB).
"""

from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from disclose.procedure import hard_copies as rules
from disclose.procedure.lawful_basis import describe_lawful_basis
from disclose.records.models import Staff

from .. import document_store
from ..errors import StepRefused
from ..hard_copy_email import queue_secure_email
from ..models import Channel, Disclosure, Dispatch, HardCopyItem, Request, RequestSubject
from ._base import Step, begin, role_words


def dispatch_hard_copies(
    *, actor: Staff, request: Request, method: str, transfer_reference: str = ""
) -> Request:
    """Send every approved item that may go now, by secure email (the files as
    attachments, sent once this step commits) or by Cryptshare (the transfer's
    reference, as the sender's Cryptshare gave it, is recorded)."""
    with begin("dispatch_hard_copies", actor, request) as step:
        step.check()  # something approved that may go now (the declaration)
        reference = _check_method(step, method, transfer_reference)
        rows = list(
            HardCopyItem.objects.filter(request=step.request)
            .select_related("hard_copy_list__decided_by", "document")
            .order_by("id")
        )
        plan = rules.plan_dispatch([row.facts() for row in rows])
        by_key = {row.pk: row for row in rows}
        send = [by_key[f.key] for f in plan.send]
        withhold = [by_key[f.key] for f in plan.withhold]
        _check_files(send)
        dispatch = Dispatch.objects.create(
            request=step.request,
            by=actor,
            at=step.now,
            method=method,
            transfer_reference=reference,
            to_address=step.request.requestor_email,
            withheld=[row.title for row in withhold],
        )
        HardCopyItem.objects.filter(pk__in=[r.pk for r in send]).update(
            status=rules.DISPATCHED, dispatch=dispatch
        )
        HardCopyItem.objects.filter(pk__in=[r.pk for r in withhold]).update(status=rules.WITHHELD)
        for part, sent in _by_part(step, send).items():
            _record_part(
                step, part, sent, [w for w in withhold if _part_of(w) == part.pk], dispatch
            )
        _tell_requestor(step, dispatch, send, withhold)
        step.audit(
            [p for p in step.parts if any(_part_of(r) == p.pk for r in send)],
            method=method,
            transfer_reference=reference,
            items=[r.title for r in send],
            withheld=[r.title for r in withhold],
            attachments=[r.document.sha256 for r in send if r.document_id],
        )
    return step.request


def _check_method(step: Step, method: str, transfer_reference: str) -> str:
    if method not in rules.DISPATCH_METHODS:
        raise StepRefused("invalid_input", "Choose secure email or Cryptshare.", "2.2")
    reference = (transfer_reference or "").strip()
    if method == "cryptshare" and not reference:
        raise StepRefused(
            "transfer_reference_required",
            "Enter the reference of the Cryptshare transfer, as Cryptshare gave it.",
            "2.2",
        )
    if method == "portal" and step.request.channel != Channel.PORTAL:
        raise StepRefused(
            "not_asked_on_portal",
            f"{step.request.requestor_name} did not ask on the agency portal, so cannot "
            "download from it. Send the copies by secure email or Cryptshare.",
            "2.2",
        )
    if method == "secure_email" and not step.request.requestor_email:
        raise StepRefused(
            "no_email_address",
            f"There is no email address for {step.request.requestor_name}. Add their secure "
            "email address, or send by Cryptshare.",
            "2.2",
        )
    return reference


def _check_files(send: list[HardCopyItem]) -> None:
    """A file that no longer matches its checksum is never sent."""
    for row in send:
        if row.document_id is None:
            continue
        try:
            document_store.open_verified(row.document.storage_name, row.document.sha256).close()
        except document_store.DocumentDamaged:
            raise StepRefused(
                "document_damaged",
                f"The file for '{row.title}' is damaged or missing. Attach the copy again.",
                "2.2",
            ) from None


def _part_of(row: HardCopyItem) -> int:
    return row.hard_copy_list.subject_id


def _by_part(step: Step, rows: list[HardCopyItem]) -> dict[RequestSubject, list[HardCopyItem]]:
    parts = {p.pk: p for p in step.parts}
    grouped: dict[RequestSubject, list[HardCopyItem]] = defaultdict(list)
    for row in rows:
        grouped[parts[_part_of(row)]].append(row)
    return grouped


def _record_part(step: Step, part, sent, withheld, dispatch: Dispatch) -> None:
    """The case note (items sent, the CSM's approval), the disclosure log and,
    if the CSM asked, the items in the person's documents."""
    request = step.request
    filed = _file_on_record(step, part, sent)
    how = {
        Dispatch.Method.CRYPTSHARE: "Cryptshare",
        Dispatch.Method.PORTAL: "the agency portal",
    }.get(dispatch.method, "secure email")
    if dispatch.transfer_reference:
        how += f" (transfer {dispatch.transfer_reference})"
    approvals = {
        (
            r.hard_copy_list.decided_by.display_name,
            r.hard_copy_list.decided_at,
            r.hard_copy_list.decision_reason,
        )
        for r in sent
    }
    approved = "; ".join(
        f"approved by {name} on {_day(timezone.localtime(at))}: {why.rstrip('.')}"
        for name, at, why in approvals
    )
    note = (
        f"{role_words(step.actor)} sent hard copies to {request.requestor_name} "
        f"({request.get_requestor_agency_display()}) by {how}: {_item_words(sent)}. "
        f"CSM's approval: {approved}."
    )
    if withheld:
        note += f" Withheld until the agency it came from confirms: {_item_words(withheld)}."
    if filed:
        note += f" Uploaded to this person's documents: {'; '.join(filed)}."
    step.case_note(part, note)
    step.disclose(
        part,
        Disclosure.Kind.HARD_COPIES_SENT,
        f"Hard copies by {how}: {_item_words(sent)}.",
        basis=Disclosure.Basis.CONSENT if request.consent else Disclosure.Basis.LAWFUL_BASIS,
        detail={
            "description": describe_lawful_basis(request.consent, part.lawful_basis),
            **(part.lawful_basis or {}),
        },
    )


def _file_on_record(step: Step, part, sent: list[HardCopyItem]) -> list[str]:
    filed = []
    for row in sent:
        if not row.hard_copy_list.upload_to_documents or row.document is None:
            continue
        document = row.document
        document.on_person_record, document.person_id = True, part.person_id
        document.filed_by, document.filed_at = step.actor, step.now
        document.save(update_fields=["on_person_record", "person", "filed_by", "filed_at"])
        filed.append(row.title)
    return filed


def _item_words(rows: list[HardCopyItem]) -> str:
    words = []
    for row in rows:
        text = row.title + (f" ({_day(row.date)})" if row.date else "")
        if row.third_party:
            text += f" [third-party: {row.source}]"
        if not row.document_id:
            text += " [no file attached]"
        words.append(text)
    return "; ".join(words)


def _tell_requestor(step: Step, dispatch: Dispatch, send, withhold) -> None:
    parts = {_part_of(r) for r in send}
    part = next((p for p in step.parts if p.pk in parts), None) if len(parts) == 1 else None
    context = {
        "items": send,
        "withheld": withhold,
        "dispatch": dispatch,
        "subject_name": part.person.full_name if part and part.person else "",
        "attached": sum(1 for r in send if r.document_id),
        "download_days": settings.DISCLOSE_PORTAL_DOWNLOAD_DAYS,
    }
    if dispatch.method == Dispatch.Method.SECURE_EMAIL:
        message = queue_secure_email(
            request=step.request, by=step.actor, subject=part, dispatch=dispatch, context=context
        )
    else:
        message = step.message("hard_copies_sent", subject=part, **context)
    dispatch.message = message
    dispatch.save(update_fields=["message"])


def _day(when) -> str:
    """'1 February 2014': GOV.UK style dates, no leading zero."""
    return f"{when.day} {when:%B %Y}"
