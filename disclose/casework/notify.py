"""Emails to the requestor and to staff: written in the step, sent after commit.

The text is rendered from a template (templates/casework/messages/<kind>.txt
for the requestor, templates/casework/staff/<kind>.txt for staff) with the
council's details, and kept as a row inside the step's transaction. The email
itself goes only once the step has committed (transaction.on_commit), so a
refused or failed step never sends anything, and whatever happens to the email
the row says what was written and whether it went.
"""

import logging
import re
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Engine
from django.utils import timezone

from disclose.council.models import CouncilProfile

from .models import Message, Request, RequestSubject, SendStatus, StaffNotification

log = logging.getLogger(__name__)

# Plain text: no HTML escaping of names such as "O'Brien".
_ENGINE = Engine(dirs=[str(Path(__file__).parent / "templates")], autoescape=False)


def render(template: str, context: dict) -> tuple[str, str]:
    """(subject line, body). A template's first line is 'Subject: ...'."""
    context = {"council": CouncilProfile.current(), **context}
    text = _ENGINE.get_template(template).render(Context(context, autoescape=False))
    first, _, body = text.lstrip().partition("\n")
    subject_line = first.removeprefix("Subject:").strip()
    return subject_line, _tidy(body)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def message_requestor(
    *,
    request: Request,
    kind: str,
    by,
    subject: RequestSubject | None = None,
    send=None,
    **context,
) -> Message:
    """Write a message to the requestor now; send it after commit, by `send`
    (called with the message's pk) or, by default, as a plain email."""
    subject_line, text = render(
        f"casework/messages/{kind}.txt",
        {"request": request, "part": subject, "sender": by, **context},
    )
    message = Message.objects.create(
        request=request,
        subject=subject,
        kind=kind,
        to_address=request.requestor_email,
        subject_line=subject_line[:200],
        text=text,
        created_by=by,
    )
    transaction.on_commit(partial(send or partial(deliver, Message), message.pk))
    return message


def notify_staff(
    *, staff, request: Request, kind: str, subject: RequestSubject | None = None, **context
) -> StaffNotification:
    """Tell a member of staff that a task has landed on them."""
    subject_line, text = render(
        f"casework/staff/{kind}.txt",
        {"request": request, "part": subject, "staff": staff, **context},
    )
    note = StaffNotification.objects.create(
        staff=staff,
        request=request,
        subject=subject,
        kind=kind,
        to_address=staff.email,
        subject_line=subject_line[:200],
        text=text,
    )
    transaction.on_commit(partial(deliver, StaffNotification, note.pk))
    return note


def deliver(model: type[Message] | type[StaffNotification], pk: int) -> None:
    """Send one kept email. Never raises: a failure is recorded on the row."""
    row = model.objects.get(pk=pk)
    if not row.to_address:
        # Phone requests and imported staff may have no email address.
        model.objects.filter(pk=pk).update(status=SendStatus.NO_ADDRESS)
        return
    council = CouncilProfile.current()
    email = EmailMessage(
        subject=row.subject_line,
        body=row.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_address],
        reply_to=[council.scimt_email] if council.scimt_email else None,
    )
    try:
        email.send()
    except Exception as exc:  # noqa: BLE001 - any failure is kept, not raised
        log.warning("Email %s %s not sent: %s", model.__name__, pk, exc)
        model.objects.filter(pk=pk).update(status=SendStatus.FAILED, error=str(exc)[:1000])
        return
    model.objects.filter(pk=pk).update(status=SendStatus.SENT, sent_at=timezone.now(), error="")
