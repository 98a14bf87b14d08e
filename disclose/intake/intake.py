"""Taking in one email: checked, read, kept as a draft, or set aside.

`take_in` never raises on bad mail: every outcome is a DraftRequest row with
a status (draft or quarantined), or the earlier row when the same Message-ID
was seen before (duplicate). Files are kept in the document store only for a
draft: a quarantined message's contents are never stored.
"""

import hashlib
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from disclose.casework import document_store
from disclose.council.models import CouncilProfile

from . import checks
from .extract import read_email
from .models import DraftRequest
from .parse import ParsedEmail, Unreadable, parse

DUPLICATE = "duplicate"
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Outcome:
    status: str  # draft, duplicate, quarantined
    draft: DraftRequest

    def as_json(self) -> dict:
        d = self.draft
        return {
            "status": self.status,
            "reference": draft_reference(d),
            "requestor": {
                "name": d.requestor_name,
                "email": d.requestor_email,
                "phone": d.requestor_phone,
                "agency": d.requestor_agency,
            },
            "subjects": d.subjects,
            "attachments": [doc["name"] for doc in d.documents if doc.get("attachment")],
            "reason": d.quarantine_reason or None,
            "untrusted_domain": d.untrusted_domain,
            "read_from_email": d.read_from_email,
        }


def draft_reference(draft: DraftRequest) -> str:
    return f"EM-{draft.pk:06d}"


def take_in(data: bytes, *, name: str = "", source: str = "file") -> Outcome:
    """One email's bytes (an .eml or .msg) in; a draft, a duplicate or a
    quarantined message out."""
    reason = checks.size_problem(data)
    email = None
    if reason is None:
        try:
            email = parse(data, name)
        except Unreadable as exc:
            reason = f"The email could not be read: {exc}"
        except Exception as exc:  # noqa: BLE001 - hostile input must never crash intake
            reason = f"The email could not be read ({type(exc).__name__})."
    message_id = email.message_id if email else _id_of_bytes(data)
    earlier = DraftRequest.objects.filter(message_id=message_id[:500]).first()
    if earlier is not None:
        return Outcome(DUPLICATE, earlier)
    if reason is None:
        reason = checks.problem(email)
    if reason is not None:
        return _quarantine(message_id, email, reason, source)
    return _draft(email, source)


def set_aside(header: bytes, reason: str, *, source: str) -> Outcome:
    """Quarantine a message known only by its headers (too big to fetch)."""
    try:
        email = parse(header)
    except Exception:  # noqa: BLE001 - the headers alone may be hostile too
        email = None
    message_id = email.message_id if email else _id_of_bytes(header)
    earlier = DraftRequest.objects.filter(message_id=message_id[:500]).first()
    if earlier is not None:
        return Outcome(DUPLICATE, earlier)
    return _quarantine(message_id, email, reason, source)


def _id_of_bytes(data: bytes) -> str:
    return f"<sha256:{hashlib.sha256(data).hexdigest()}>"


def _quarantine(message_id: str, email: ParsedEmail | None, reason: str, source: str) -> Outcome:
    draft = DraftRequest(
        status=DraftRequest.Status.QUARANTINED,
        message_id=message_id[:500],
        source=source,
        from_address=(email.from_address if email else "")[:320],
        email_subject=(email.subject if email else "")[:500],
        quarantine_reason=reason,
    )
    return Outcome(DraftRequest.Status.QUARANTINED, _save(draft))


def _draft(email: ParsedEmail, source: str) -> Outcome:
    reading = read_email(email, CouncilProfile.current().trusted_email_domains or [])
    documents = documents_of(email)
    draft = DraftRequest(
        message_id=email.message_id[:500],
        source=source,
        from_address=email.from_address[:320],
        email_subject=email.subject[:500],
        body=email.text,
        requestor_name=reading.name[:200],
        requestor_email=reading.email[:320],
        requestor_phone=reading.phone[:40],
        requestor_role=reading.role[:200],
        requestor_agency=reading.agency,
        untrusted_domain=not reading.trusted,
        subjects=reading.subjects,
        read_from_email=reading.read,
        documents=documents,
    )
    try:
        return Outcome(DraftRequest.Status.DRAFT, _save(draft))
    except BaseException:
        for document in documents:
            if document.get("storage_name"):
                document_store.discard(document["storage_name"])
        raise


def _save(draft: DraftRequest) -> DraftRequest:
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        # Taken in at the same moment by another worker: that one stands.
        return DraftRequest.objects.get(message_id=draft.message_id)
    return draft


def documents_of(email: ParsedEmail) -> list[dict]:
    """The email as text, and each attachment, kept in the document store; also
    the email attached on the New request page (letter.py)."""
    documents = [keep(_original_text(email), "Original email.txt", "Original email")]
    for attachment in email.attachments:
        documents.append(keep(attachment.data, attachment.name, attachment.name, attachment=True))
    return documents


def keep(data: bytes, name: str, title: str, attachment: bool = False) -> dict:
    """A file in the document store, or why it was not kept."""
    kept = {"title": title, "name": name, "attachment": attachment}
    try:
        stored = document_store.store([data], name)
    except document_store.DocumentRejected as rejected:
        return {**kept, "not_kept": rejected.message}
    return {
        **kept,
        "storage_name": stored.storage_name,
        "sha256": stored.sha256,
        "size": stored.size,
        "content_type": stored.content_type,
        "extension": stored.extension,
    }


def _original_text(email: ParsedEmail) -> bytes:
    """The message as the officer would read it: headers and text."""
    lines = [
        f"From: {email.from_name} <{email.from_address}>".replace(" <>", ""),
        f"Sent: {email.sent_at or 'not given'}",
        f"Subject: {email.subject}",
        f"Message-ID: {email.message_id}",
    ]
    if email.forwarded_from:
        lines.append(f"Forwarded by: {email.forwarded_from}")
    attached = ", ".join(a.name for a in email.attachments) or "none"
    lines += [f"Attachments: {attached}", "", email.text or "(no text)"]
    # Kept as plain text: no control characters the document store would refuse.
    return CONTROLS.sub("", "\n".join(lines)).encode("utf-8")
