"""Emails to the requestor and to staff: written in the step, sent by the worker.

The text is rendered from a template (templates/casework/messages/<kind>.txt
for the requestor, templates/casework/staff/<kind>.txt for staff) with the
council's details, and kept as a row inside the step's transaction, with its
email in the outbox (disclose/outbox/) in the same transaction. So a refused
or failed step sends nothing, the step never waits on the mail server, and
the worker delivers the email, trying again until it goes.
"""

import re
from collections.abc import Sequence
from pathlib import Path

from django.template import Context, Engine

from disclose.council.models import CouncilProfile
from disclose.outbox.queue import queue_email
from disclose.records.models import Role

from .models import Message, Request, RequestSubject, StaffNotification

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
    attachments: Sequence[dict] = (),
    **context,
) -> Message:
    """Write a message to the requestor now, and put its email in the outbox,
    with `attachments` (outbox.queue.queue_email) if any."""
    subject_line, text = render(
        f"casework/messages/{kind}.txt",
        {"request": request, "part": subject, "sender": by, "signed": signature(by), **context},
    )
    message = Message(
        request=request,
        subject=subject,
        kind=kind,
        to_address=request.requestor_email,
        subject_line=subject_line[:200],
        text=text,
        created_by=by,
    )
    message.outgoing = queue_email(
        to=message.to_address,
        subject=message.subject_line,
        body=text,
        kind="requestor",
        description=f"Email to the requestor: {message.get_kind_display()}",
        request_reference=request.reference,
        reply_to=_reply_to(),
        attachments=attachments,
    )
    message.save()
    return message


def signature(by) -> dict:
    """Who signs a message to the requestor: whoever sent it, with their role
    and team, and how to reach them (their own number and address, or the
    SCIMT's when they have none). A message sent by nobody in particular (the
    worker's reminders, the portal) is signed by the SCIMT."""
    council = CouncilProfile.current()
    if by is None or not getattr(by, "pk", None):
        return {"name": "", "role": "", "team": council.scimt_name}
    codes = by.role_codes()
    roles = [Role.Code(code).label for code in sorted(codes) if code in Role.Code]
    role = by.job_title or ", ".join(roles)
    scimt = "scimt_officer" in codes
    team = by.team.name if by.team_id else (council.scimt_name if scimt else "")
    return {
        "name": by.display_name,
        "role": role,
        "team": team,
        "phone": by.phone,
        "email": by.email,
    }


def notify_staff(
    *,
    staff,
    request: Request,
    kind: str,
    subject: RequestSubject | None = None,
    sender=None,
    **context,
) -> StaffNotification:
    """Tell a member of staff that a task has landed on them, signed by whoever
    took the step that sent it."""
    subject_line, text = render(
        f"casework/staff/{kind}.txt",
        {
            "request": request,
            "part": subject,
            "staff": staff,
            "signed": signature(sender),
            **context,
        },
    )
    note = StaffNotification(
        staff=staff,
        request=request,
        subject=subject,
        kind=kind,
        to_address=staff.email,
        subject_line=subject_line[:200],
        text=text,
    )
    note.outgoing = queue_email(
        to=note.to_address,
        subject=note.subject_line,
        body=text,
        kind="staff",
        description=f"Email to {staff.display_name}: {kind.replace('_', ' ')}",
        request_reference=request.reference,
        reply_to=_reply_to(),
    )
    note.save()
    return note


def _reply_to() -> list[str]:
    council = CouncilProfile.current()
    return [council.scimt_email] if council.scimt_email else []


def notify_address(*, to: str, name: str, request: Request, kind: str) -> None:
    """Email a recipient the council profile names by address, not a member of
    staff (2.4: the Support to Schools recipient). Sent from the outbox as any
    staff email is; the request's audit event records the step."""
    subject_line, text = render(
        f"casework/staff/{kind}.txt",
        {"request": request, "part": None, "staff": {"display_name": name}},
    )
    queue_email(
        to=to,
        subject=subject_line,
        body=text,
        kind="staff",
        description=f"Email to {name}: {kind.replace('_', ' ')}",
        request_reference=request.reference,
        reply_to=_reply_to(),
    )
