"""Hard copies by secure email: the message to the requestor with the approved
items' files attached (2.2).

Like every email (notify.py) the message is written inside the step's
transaction and its email put in the outbox, which the worker sends. The
files are read back from the document store and checked against their
checksums only as the email goes; if one cannot be read the email is not sent
and the outbox says why. Transport security (TLS) is the server's:
DISCLOSE_EMAIL_USE_TLS in settings.py.
"""

from .models import Dispatch, Message, Request, RequestSubject
from .notify import message_requestor

KIND = "hard_copies_sent"


def queue_secure_email(
    *, request: Request, by, subject: RequestSubject | None, dispatch: Dispatch, context: dict
) -> Message:
    """The hard_copies_sent message, with the dispatched items' files attached."""
    return message_requestor(
        request=request,
        kind=KIND,
        by=by,
        subject=subject,
        attachments=attachments(dispatch),
        **context,
    )


def attachments(dispatch: Dispatch) -> list[dict]:
    """What the outbox attaches: each sent item with a file, the names made
    unique, in the order the items were listed."""
    found, used = [], set()
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
        found.append(
            {
                "name": name,
                "storage_name": document.storage_name,
                "sha256": document.sha256,
                "content_type": document.content_type,
            }
        )
    return found
