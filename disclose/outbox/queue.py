"""Putting things in the outbox, inside the caller's transaction.

Whatever calls these runs inside the step's transaction: the row, and the
worker's job to deliver it, commit with the step or not at all. Nothing here
talks to another system, so a step takes the same time whether the SMTP relay
or the record system is up or down.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime
from email.utils import make_msgid

from django.conf import settings

from .models import Outgoing
from .tasks import schedule_delivery


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    kind: str,
    description: str,
    source: str = "",
    request_reference: str = "",
    reply_to: Sequence[str] = (),
    attachments: Sequence[dict] = (),
) -> Outgoing:
    """An email, to go once the caller commits. `attachments` are document
    files, each {"name", "storage_name", "sha256", "content_type"}, read (and
    checked against their checksum) only when the email goes. With no address
    the email is kept, marked as not sent, and never tried."""
    item = Outgoing.objects.create(
        key=make_msgid(domain=_mail_domain()),
        channel=Outgoing.Channel.EMAIL,
        kind=kind,
        source=source,
        description=description[:300],
        request_reference=request_reference,
        status=Outgoing.Status.WAITING if to else Outgoing.Status.NO_ADDRESS,
        payload={
            "to": [to] if to else [],
            "from": settings.DEFAULT_FROM_EMAIL,
            "reply_to": [address for address in reply_to if address],
            "subject": subject,
            "body": body,
            "attachments": list(attachments),
        },
    )
    if to:
        schedule_delivery()
    return item


def queue_record_entry(
    *,
    kind: str,
    person,
    author,
    at: datetime,
    request_reference: str,
    source: str,
    text: str = "",
    document: dict | None = None,
) -> Outgoing:
    """An entry for the council's record system: a case note's text, or a
    document ({"title", "name", "storage_name", "sha256", "content_type",
    "size"}) filed on the person's record."""
    entry_id = str(uuid.uuid4())
    entry = {
        "id": entry_id,
        "kind": kind,
        "person_record_id": person.person_id,
        "request_reference": request_reference,
        "author": _author(author),
        "at": at.isoformat(),
    }
    if text:
        entry["text"] = text
    if document is not None:
        entry["document"] = document
    what = "Case note" if kind == "case_note" else f"Document '{(document or {}).get('title')}'"
    item = Outgoing.objects.create(
        key=entry_id,
        channel=Outgoing.Channel.RECORD_SYSTEM,
        kind=kind,
        source=source,
        description=f"{what} for the record system",
        request_reference=request_reference,
        person=person,
        payload=entry,
    )
    schedule_delivery()
    return item


def _author(staff) -> dict:
    if staff is None:
        return {"name": "", "staff_id": None, "username": None}
    return {"name": staff.display_name, "staff_id": staff.staff_id, "username": staff.username}


def _mail_domain() -> str:
    """The Message-ID's domain: our own sending address's (never a DNS lookup)."""
    _, _, domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")
    return domain.strip(">") or "disclose.invalid"
