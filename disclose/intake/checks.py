"""Is an email safe to keep? Each check gives a reason a person can act on,
or None. A message that fails one is quarantined, never opened further.

- oversized: more than settings.INTAKE_MAX_BYTES (25 MB unless set);
- bad encodings: text Disclose cannot decode, or a structure the email
  parser had to guess at;
- scripts: a <script> in the HTML, an attachment that is a program or a
  script whatever its name says, or a PDF that runs JavaScript or launches a
  program;
- zip bombs: an archive that would unpack to far more than it holds, or
  holds archives inside archives.
"""

import io
import re
import zipfile

import filetype
from django.conf import settings

from .parse import Attachment, ParsedEmail

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
RUNNABLE = {
    "exe", "dll", "com", "scr", "bat", "cmd", "ps1", "vbs", "vbe", "js", "jse", "wsf",
    "hta", "jar", "msi", "lnk", "sh", "docm", "xlsm", "pptm", "iso", "html", "htm", "svg",
}  # fmt: skip
PROGRAM_TYPES = {"exe", "elf", "dmg", "msi"}
ZIP_MAX_RATIO = 100
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
SCRIPT = re.compile(rb"<\s*script\b|javascript:", re.IGNORECASE)
PDF_ACTIONS = re.compile(rb"/(JavaScript|JS|Launch)\b")
# Defects meaning the text or structure could not be read as sent.
BAD_DEFECTS = (
    "UndecodableText",
    "UndecodableBytesDefect",
    "InvalidBase64CharactersDefect",
    "InvalidBase64PaddingDefect",
    "StartBoundaryNotFoundDefect",
    "CloseBoundaryNotFoundDefect",
    "MissingHeaderBodySeparatorDefect",
    "InvalidHeaderDefect",
)


def max_bytes() -> int:
    return int(getattr(settings, "INTAKE_MAX_BYTES", DEFAULT_MAX_BYTES))


def size_problem(data: bytes) -> str | None:
    if len(data) > max_bytes():
        return (
            f"The email is {len(data) / 1048576:.1f} MB, more than the "
            f"{max_bytes() / 1048576:.0f} MB Disclose takes. Ask the sender to send the "
            "documents by Cryptshare instead."
        )
    return None


def problem(email: ParsedEmail) -> str | None:
    """Why this email must be set aside, or None when it is safe to keep."""
    bad = [d for d in email.defects if d.startswith(BAD_DEFECTS)]
    if bad:
        return (
            "Part of the email is in an encoding or layout Disclose cannot read "
            f"({', '.join(sorted(set(bad)))}). Ask the sender to send it again."
        )
    if SCRIPT.search(email.html.encode("utf-8", "replace")):
        return "The email contains a script. Do not open it; report it to IT security."
    for attachment in email.attachments:
        reason = _attachment_problem(attachment)
        if reason:
            return reason
    return None


def _attachment_problem(attachment: Attachment, depth: int = 0) -> str | None:
    name = attachment.name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    guess = filetype.guess(attachment.data[:8192])
    if extension in RUNNABLE or (guess is not None and guess.extension in PROGRAM_TYPES):
        return (
            f"The attachment '{name}' is a program or script. Do not open it; "
            "report it to IT security."
        )
    if SCRIPT.search(attachment.data[:1_000_000]) and extension in ("txt", "xml", ""):
        return f"The attachment '{name}' contains a script. Do not open it."
    if attachment.data.startswith(b"%PDF") and PDF_ACTIONS.search(attachment.data):
        return (
            f"The attachment '{name}' is a PDF that runs a script or a program when opened. "
            "Do not open it; report it to IT security."
        )
    if zipfile.is_zipfile(io.BytesIO(attachment.data)) and extension not in ("docx", "xlsx"):
        return _zip_problem(attachment, depth)
    return None


def _zip_problem(attachment: Attachment, depth: int) -> str | None:
    name = attachment.name
    try:
        with zipfile.ZipFile(io.BytesIO(attachment.data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return f"The attachment '{name}' is a damaged zip file."
    unpacked = sum(e.file_size for e in entries)
    packed = max(sum(e.compress_size for e in entries), 1)
    if unpacked > ZIP_MAX_UNPACKED or unpacked / packed > ZIP_MAX_RATIO:
        return (
            f"The attachment '{name}' would unpack to {unpacked / 1048576:.0f} MB from "
            f"{packed / 1024:.0f} KB: it looks like a zip bomb. Do not open it."
        )
    if depth > 0 or any(e.filename.lower().endswith(".zip") for e in entries):
        return f"The attachment '{name}' holds archives inside archives. Do not open it."
    for entry in entries:
        inner = entry.filename.rsplit("/", 1)[-1]
        if "." in inner and inner.rsplit(".", 1)[-1].lower() in RUNNABLE:
            return f"The attachment '{name}' holds a program or script ('{inner}')."
    return None
