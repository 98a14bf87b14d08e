"""Sending the outbox's emails over one SMTP connection per batch.

The email's Message-ID is the outbox item's key, the same on every attempt,
so a mail system that receives a repeat (after a worker died between the
server taking the email and the outbox recording it) can tell it is one.
"""

import contextlib
import smtplib
from collections.abc import Callable

from django.core.mail import EmailMessage, get_connection

from disclose.casework import document_store

from .errors import Permanent
from .models import Outgoing


def send(items: list[Outgoing], settle: Callable[[Outgoing, Exception | None], None]) -> None:
    """Send each item, and settle it (None: the mail server took it; else the
    error) the moment its answer is known, so that a worker that dies loses
    at most the one email in flight."""
    if not items:
        return
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - the server is down: every item waits
        for item in items:
            settle(item, exc)
        return
    try:
        for n, item in enumerate(items):
            try:
                error = _send_one(item, connection)
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                # The connection is gone: the rest of the batch waits for a retry.
                for rest in items[n:]:
                    settle(rest, exc)
                break
            except Exception as exc:  # noqa: BLE001 - kept on the item, never raised
                error = exc
            settle(item, error)
    finally:
        # Closing a broken connection may fail too; nothing is lost by that.
        with contextlib.suppress(Exception):
            connection.close()


def _send_one(item: Outgoing, connection) -> Exception | None:
    payload = item.payload
    try:
        email = EmailMessage(
            subject=payload["subject"],
            body=payload["body"],
            from_email=payload["from"],
            to=payload["to"],
            reply_to=payload.get("reply_to") or None,
            headers={"Message-ID": item.key},
            connection=connection,
        )
        for spec in payload.get("attachments", []):
            data = document_store.read_verified(spec["storage_name"], spec["sha256"])
            email.attach(spec["name"], data, spec["content_type"])
    except document_store.DocumentDamaged as exc:
        return Permanent(f"{exc} The email was not sent.")
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        return Permanent(str(exc)) if all(c >= 500 for c in codes) else exc
    except smtplib.SMTPResponseException as exc:
        return Permanent(str(exc)) if exc.smtp_code >= 550 else exc
    return None
