"""The requestor's email or letter, attached on the New request page (issue 13, item 9).

- An email (.eml, or Outlook .msg) is kept as emailed requests are: its text
  as "Original email", and each attachment (intake.py `documents_of`).
- A letter (PDF or Word) is kept as it is.

The files are checked and stored when the officer asks to check their answers,
and carried to "Log the request" in a signed token, so nothing is uploaded
twice and no other stored file can be named. They become the request's
documents in the same transaction that logs it (receive_request), so a
request sent elsewhere at once keeps its letter too.
"""

from collections.abc import Mapping
from datetime import timedelta
from pathlib import PurePath

from django.core import signing

from disclose.casework import document_store

from .intake import documents_of, keep
from .parse import Unreadable, parse

EMAILS = frozenset({"eml", "msg"})
LETTERS = frozenset({"pdf", "docx"})
CHOOSE = "Choose an email (.eml or .msg), a PDF or a Word document (.docx)"
_SALT = "disclose.intake.letter"
_KEPT_FOR = timedelta(days=1)  # an answers page left open overnight still logs


class LetterRefused(ValueError):
    """The file cannot be kept; the message says what to do instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def keep_letter(upload) -> list[dict]:
    """Check and store the uploaded email or letter: the documents it gives,
    each as a dict with its storage name and checksum (or why it was not kept)."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in EMAILS | LETTERS:
        raise LetterRefused(f"{name or 'That file'} cannot be attached. {CHOOSE}")
    if upload.size > document_store.max_upload_bytes():
        megabytes = document_store.max_upload_bytes() // (1024 * 1024)
        raise LetterRefused(f"The file must be smaller than {megabytes} MB")
    data = upload.read()
    if extension in EMAILS:
        return _email(data, name)
    kept = keep(data, name, name)
    if "not_kept" in kept:
        raise LetterRefused(kept["not_kept"])
    if kept["extension"] not in LETTERS:
        document_store.discard(kept["storage_name"])
        raise LetterRefused(f"{name} is not a PDF or Word document. {CHOOSE}")
    return [kept]


def _email(data: bytes, name: str) -> list[dict]:
    try:
        email = parse(data, name)
    except Unreadable as exc:
        raise LetterRefused(f"The email could not be read: {exc}") from None
    except Exception:  # noqa: BLE001 - a damaged file must never crash the page
        raise LetterRefused(
            "The email could not be read. Save it again from your email program and choose it"
        ) from None
    return documents_of(email)


def token_for(kept: list[dict]) -> str:
    return signing.dumps(kept, salt=_SALT, compress=True)


def from_token(token: str) -> list[dict]:
    """The documents a token carries; LetterRefused if it was changed or is too old."""
    if not token:
        return []
    try:
        kept = signing.loads(token, salt=_SALT, max_age=_KEPT_FOR)
    except signing.BadSignature:
        raise LetterRefused("The attached file was not kept. Choose it again") from None
    return [dict(d) for d in kept if isinstance(d, Mapping)]


def stored(kept: list[dict]) -> list[dict]:
    """Those that are in the document store (an email's attachment may have been refused)."""
    return [d for d in kept if d.get("storage_name")]
