"""Reading an email: an .eml (RFC 5322) or an Outlook .msg (extract-msg).

Both come out as one ParsedEmail, with the text the person wrote, the HTML if
any (never rendered: checks.py looks for scripts in it), the attachments as
bytes, and the problems met while decoding (`defects`), which checks.py turns
into a reason to quarantine. A message forwarded as an attachment (an .msg or
.eml inside) is read from the inner message: that is the request.
"""

import hashlib
import io
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DEPTH = 1  # one forwarded message is unwrapped; one inside that is not


class Unreadable(ValueError):
    """Not an email Disclose can read; the message says why."""


@dataclass
class Attachment:
    name: str
    data: bytes
    content_type: str


@dataclass
class ParsedEmail:
    message_id: str
    from_name: str
    from_address: str
    subject: str
    sent_at: object  # datetime or None
    text: str
    html: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    forwarded_from: str = ""  # the outer message's sender, when unwrapped


def parse(data: bytes, name: str = "", depth: int = 0) -> ParsedEmail:
    """The email in `data`; an .msg when it is an OLE file, else an .eml."""
    if data.startswith(OLE_MAGIC) or name.lower().endswith(".msg"):
        parsed = parse_msg(data)
    else:
        parsed = parse_eml(data)
    if not parsed.message_id:
        # No Message-ID: the bytes themselves say whether it was seen before.
        parsed.message_id = f"<sha256:{hashlib.sha256(data).hexdigest()}>"
    return _unwrap(parsed) if depth < MAX_DEPTH else parsed


def parse_eml(data: bytes) -> ParsedEmail:
    message = message_from_bytes(data, policy=policy.default)
    if not message.keys():
        raise Unreadable("It has no email headers: it is not an email.")
    defects = [type(d).__name__ for d in message.defects]
    text, html, attachments = "", "", []
    for part in message.walk():
        defects += [type(d).__name__ for d in part.defects]
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        content_type = part.get_content_type()
        if disposition == "attachment" or (part.get_filename() and content_type != "text/plain"):
            attachments.append(
                Attachment(
                    part.get_filename() or "attachment",
                    part.get_payload(decode=True) or b"",
                    content_type,
                )
            )
        elif content_type == "text/plain" and not text:
            text = _decoded(part, defects)
        elif content_type == "text/html" and not html:
            html = _decoded(part, defects)
    name, address = _sender(message)
    return ParsedEmail(
        message_id=(message.get("Message-ID") or "").strip(),
        from_name=name,
        from_address=address,
        subject=str(message.get("Subject") or "").strip(),
        sent_at=_date(message.get("Date")),
        text=text,
        html=html,
        attachments=attachments,
        defects=defects,
    )


def parse_msg(data: bytes) -> ParsedEmail:
    import extract_msg

    try:
        message = extract_msg.openMsg(io.BytesIO(data), strict=False)
    except Exception as exc:  # noqa: BLE001 - any failure means unreadable
        raise Unreadable(f"It is not an Outlook message Disclose can read ({exc}).") from None
    try:
        sender = message.sender or ""
        [(name, address)] = getaddresses([sender]) or [("", "")]
        attachments = []
        for attachment in message.attachments:
            payload = attachment.data
            if isinstance(payload, bytes):
                name_of = attachment.longFilename or attachment.shortFilename or "attachment"
                attachments.append(Attachment(name_of, payload, attachment.mimetype or ""))
        return ParsedEmail(
            message_id=(message.messageId or "").strip(),
            from_name=name,
            from_address=address or (message.sender or ""),
            subject=(message.subject or "").strip(),
            sent_at=message.date,
            text=message.body or "",
            html=_html(message),
            attachments=attachments,
        )
    finally:
        message.close()


def _unwrap(parsed: ParsedEmail) -> ParsedEmail:
    """An officer forwarding a request as an attachment: read the inner one."""
    inner = [a for a in parsed.attachments if _is_message(a)]
    if len(inner) != 1:
        return parsed
    try:
        found = parse(inner[0].data, inner[0].name, depth=1)
    except Unreadable:
        return parsed
    found.forwarded_from = parsed.from_address
    found.defects = parsed.defects + found.defects
    found.attachments += [a for a in parsed.attachments if a is not inner[0]]
    return found


def _is_message(attachment: Attachment) -> bool:
    name = attachment.name.lower()
    return attachment.content_type in (
        "message/rfc822",
        "application/vnd.ms-outlook",
    ) or name.endswith((".msg", ".eml"))


def _decoded(part: EmailMessage, defects: list[str]) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError) as exc:
        defects.append(f"UndecodableText: {exc}")
        return ""


def _sender(message: EmailMessage) -> tuple[str, str]:
    found = getaddresses([str(message.get("From") or "")])
    return found[0] if found else ("", "")


def _date(value):
    try:
        return parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError):
        return None


def _html(message) -> str:
    try:
        html = message.htmlBody
    except Exception:  # noqa: BLE001 - an .msg may have no HTML body
        return ""
    return html.decode("utf-8", "replace") if isinstance(html, bytes) else (html or "")
