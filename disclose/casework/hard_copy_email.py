"""Hard copies by secure email: the message to the requestor with the approved
items' files attached (2.2).

Like every email (notify.py) the message is written and kept inside the step's
transaction and sent only once the step has committed. The files are read back
from the document store and checked against their checksums as they are
attached; if one cannot be read the email is not sent and the message says why.
Transport security (TLS) is the server's: DISCLOSE_EMAIL_USE_TLS in settings.py.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from disclose.council.models import CouncilProfile

from . import document_store
from .models import Dispatch, Message, Request, RequestSubject, SendStatus
from .notify import message_requestor

log = logging.getLogger(__name__)

KIND = "hard_copies_sent"


def queue_secure_email(
    *, request: Request, by, subject: RequestSubject | None, dispatch: Dispatch, context: dict
) -> Message:
    """The hard_copies_sent message, sent after commit with the items attached."""
    return message_requestor(
        request=request,
        kind=KIND,
        by=by,
        subject=subject,
        send=partial(send_with_attachments, dispatch_pk=dispatch.pk),
        **context,
    )


def send_with_attachments(message_pk: int, dispatch_pk: int) -> None:
    """Send the kept message with the dispatched items' files. Never raises:
    a failure is recorded on the message."""
    row = Message.objects.get(pk=message_pk)
    council = CouncilProfile.current()
    email = EmailMessage(
        subject=row.subject_line,
        body=row.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_address],
        reply_to=[council.scimt_email] if council.scimt_email else None,
    )
    try:
        for name, data, content_type in attachments(dispatch_pk):
            email.attach(name, data, content_type)
        email.send()
    except Exception as exc:  # noqa: BLE001 - any failure is kept, not raised
        log.warning("Hard copies email %s not sent: %s", message_pk, exc)
        Message.objects.filter(pk=message_pk).update(
            status=SendStatus.FAILED, error=str(exc)[:1000]
        )
        return
    Message.objects.filter(pk=message_pk).update(
        status=SendStatus.SENT, sent_at=timezone.now(), error=""
    )


def attachments(dispatch_pk: int) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, content type) for each sent item with a file; the
    names made unique, in the order the items were listed."""
    found, used = [], set()
    dispatch = Dispatch.objects.get(pk=dispatch_pk)
    for item in dispatch.items.select_related("document").order_by("id"):
        document = item.document
        if document is None:
            continue
        name, n = document.download_name, 1
        while name in used:
            n += 1
            stem, _, extension = document.download_name.rpartition(".")
            name = f"{stem} ({n}).{extension}"
        used.add(name)
        data = document_store.read_verified(document.storage_name, document.sha256)
        found.append((name, data, document.content_type))
    return found
