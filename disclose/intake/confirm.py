"""A person confirms a draft (the one way an emailed request is logged), or
discards it as not a request.

Confirming calls casework.services.receive_request, which claims the draft
inside its own durable transaction (the draft's row locked and marked
confirmed), so a draft is logged once however many times it is confirmed.
Then the original email and its attachments are kept as the request's
documents, each an upload step of its own.
"""

import io
from datetime import date

from django.db import transaction
from django.utils import timezone

from disclose.audit.log import record
from disclose.casework import document_store, services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request
from disclose.records.models import Staff

from .models import DraftRequest


def confirm_draft(*, draft: DraftRequest, actor: Staff, **arguments) -> Request:
    """Log the request the officer checked; `arguments` are receive_request's."""

    def claim() -> bool:
        """Inside receive_request's transaction: take the draft, or refuse."""
        waiting = _waiting(draft)
        waiting.status = DraftRequest.Status.CONFIRMED
        waiting.decided_by, waiting.decided_at = actor, timezone.now()
        waiting.save(update_fields=["status", "decided_by", "decided_at"])
        return False  # go ahead and log it

    request = services.receive_request(actor=actor, unless=claim, **arguments)
    DraftRequest.objects.filter(pk=draft.pk).update(request_reference=request.reference)
    draft.refresh_from_db()
    kept = [d for d in draft.documents if _keep(actor, request, d)]
    for document in kept:
        # Kept again under the request; the draft's copy goes once that committed.
        document_store.discard(document["storage_name"])
    return request


def discard_draft(*, draft: DraftRequest, actor: Staff, reason: str) -> None:
    """Not a request (spam, a reply that asks nothing new): kept, marked discarded."""
    reason = (reason or "").strip()
    if not reason:
        raise StepRefused("invalid_input", "Say why this email is not a request.")
    with transaction.atomic():
        draft = _waiting(draft)
        draft.status = DraftRequest.Status.DISCARDED
        draft.decided_by, draft.decided_at = actor, timezone.now()
        draft.quarantine_reason = reason
        draft.save()
        record(
            event_type="email_draft_discarded",
            actor=actor,
            detail={"draft": draft.pk, "from": draft.from_address, "reason": reason},
        )


def initial_answers(draft: DraftRequest) -> dict:
    """The New request form's answers, as read from the email, or as the
    professional gave them on the agency portal."""
    received = timezone.localtime(draft.received_at).date()
    answers = {
        "channel": "email",
        "kind": "information",
        "extent": "specific",
        "requestor_name": draft.requestor_name,
        "requestor_agency": draft.requestor_agency,
        "requestor_role": draft.requestor_role,
        "requestor_email": draft.requestor_email,
        "requestor_phone": draft.requestor_phone,
        "details": draft.body[:5000],
        "received_day": received.day,
        "received_month": received.month,
        "received_year": received.year,
    }
    for n, person in enumerate(draft.subjects, start=1):
        born = date.fromisoformat(person["dob"]) if person.get("dob") else None
        answers |= {f"s{n}_forename": person["forename"], f"s{n}_surname": person["surname"]}
        if born:
            answers |= {f"s{n}_dob_day": born.day, f"s{n}_dob_month": born.month}
            answers[f"s{n}_dob_year"] = born.year
    return answers | draft.answers


def _waiting(draft: DraftRequest) -> DraftRequest:
    draft = DraftRequest.objects.select_for_update().get(pk=draft.pk)
    if draft.status != DraftRequest.Status.DRAFT:
        raise StepRefused(
            "wrong_state", f"This email has already been dealt with ({draft.get_status_display()})."
        )
    return draft


def _keep(actor: Staff, request: Request, document: dict) -> bool:
    if not document.get("storage_name"):
        return False
    data = document_store.read_verified(document["storage_name"], document["sha256"])
    try:
        services.upload_document(
            actor=actor,
            request=request,
            file=io.BytesIO(data),
            name=document["name"],
            title=document["title"],
        )
    except StepRefused:
        return False  # e.g. a request sent elsewhere at receipt is already closed
    return True
