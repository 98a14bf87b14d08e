"""Sending the outbox's emails over one SMTP connection per batch.

The email's Message-ID is the outbox item's key, the same on every attempt,
so a mail system that receives a repeat (after a worker died between the
server taking the email and the outbox recording it) can tell it is one.
"""

import smtplib

from django.core.mail import EmailMessage, get_connection

from disclose.casework import document_store

from .errors import Permanent
from .models import Outgoing


def send(items: list[Outgoing]) -> dict[int, Exception | None]:
    """Each item's outcome: None if the mail server took it, else the error."""
    if not items:
        return {}
    results: dict[int, Exception | None] = {}
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:  # noqa: BLE001 - the server is down: every item waits
        return dict.fromkeys((i.pk for i in items), exc)
    try:
        for n, item in enumerate(items):
            try:
                results[item.pk] = _send_one(item, connection)
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                # The connection is gone: the rest of the batch waits for a retry.
                results.update(dict.fromkeys((i.pk for i in items[n:]), exc))
                break
            except Exception as exc:  # noqa: BLE001 - kept on the item, never raised
                results[item.pk] = exc
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001, S110 - closing a broken connection may fail too
            pass
    return results


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
