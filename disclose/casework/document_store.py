"""Keeping documents' files: checked on the way in, read back intact (issue 4, item 5).

- Size: at most settings.DISCLOSE_MAX_UPLOAD_BYTES (20 MB unless set).
- Type: found from the bytes, never from the file's name, so a program
  renamed `report.pdf` is refused. PDF, Word (DOCX), Excel (XLSX), OpenDocument
  text (ODT), PNG, JPEG and plain text only.
- Contents: no macros, embedded programs, zip bombs, or PDF JavaScript and
  launch actions (document_contents.py, issue 15, item 6).
- Storage: under settings.DOCUMENTS_ROOT (outside the web root), under a
  generated name, with a SHA-256 checksum that is checked whenever the file is
  read, so a file changed or damaged on disk is never sent or downloaded.
"""

import hashlib
import os
import uuid
from codecs import getincrementaldecoder
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import filetype
from django.conf import settings

from .document_contents import problem_inside

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024
HEAD = 8192  # what filetype reads to recognise a format

# extension -> (content type, words for people)
ALLOWED: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (DOCX)",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"),
    "odt": ("application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)"),
    "png": ("image/png", "PNG"),
    "jpg": ("image/jpeg", "JPEG"),
    "txt": ("text/plain", "plain text"),
}
# Formats worth naming when refused, so the person knows what they uploaded.
PROGRAMS = {"exe": "a Windows program", "elf": "a Linux program", "dmg": "a Mac disk image"}
ALLOWED_WORDS = ", ".join(words for _, words in list(ALLOWED.values())[:-1]) + " or plain text"
_TEXT_CONTROLS = frozenset(b"\t\n\r\f")


class DocumentRejected(ValueError):
    """An upload that cannot be kept; the message says what to do instead."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class DocumentDamaged(RuntimeError):
    """The stored file is missing or no longer matches its checksum."""


@dataclass(frozen=True)
class StoredFile:
    storage_name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return int(getattr(settings, "DISCLOSE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def root() -> Path:
    return Path(settings.DOCUMENTS_ROOT)


def path_of(storage_name: str) -> Path:
    """Spread over 256 folders so no folder grows huge."""
    return root() / storage_name[:2] / storage_name


def store(chunks: Iterable[bytes], name: str) -> StoredFile:
    """Write an upload under a new generated name, or refuse it and keep nothing."""
    incoming = root() / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    storage_name = uuid.uuid4().hex
    temp = incoming / storage_name
    try:
        size, digest, head = _write_limited(chunks, temp, name)
        extension, content_type = _kind(head, temp, name)
        problem = problem_inside(extension, temp, name)
        if problem:
            raise DocumentRejected("file_content_not_allowed", problem)
        final = path_of(storage_name)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)
    return StoredFile(storage_name, extension, content_type, size, digest)


def discard(storage_name: str) -> None:
    """Remove a stored file whose database row was never kept."""
    path_of(storage_name).unlink(missing_ok=True)


def _write_limited(chunks: Iterable[bytes], temp: Path, name: str) -> tuple[int, str, bytes]:
    limit, size, head = max_upload_bytes(), 0, b""
    digest = hashlib.sha256()
    with open(temp, "xb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise DocumentRejected(
                    "file_too_large",
                    f"'{name}' is larger than {_megabytes(limit)}. "
                    "Upload a smaller file, or split it into parts.",
                )
            if len(head) < HEAD:
                head += chunk[: HEAD - len(head)]
            digest.update(chunk)
            out.write(chunk)
    os.chmod(temp, 0o600)
    if size == 0:
        raise DocumentRejected("file_empty", f"'{name}' is empty. Choose the file again.")
    return size, digest.hexdigest(), head


def _kind(head: bytes, temp: Path, name: str) -> tuple[str, str]:
    guess = filetype.guess(head)
    if guess is None:
        if _is_plain_text(temp):
            return "txt", ALLOWED["txt"][0]
        raise DocumentRejected(
            "file_type_not_allowed",
            f"'{name}' is not a type of file Disclose accepts. Upload a {ALLOWED_WORDS} file.",
        )
    extension = "jpg" if guess.extension == "jpeg" else guess.extension
    if extension not in ALLOWED:
        what = PROGRAMS.get(extension, f"a {extension.upper()} file")
        raise DocumentRejected(
            "file_type_not_allowed",
            f"'{name}' is {what}, whatever its name says. Disclose accepts only "
            f"{ALLOWED_WORDS} files.",
        )
    return extension, ALLOWED[extension][0]


def _is_plain_text(path: Path) -> bool:
    """UTF-8 with no control characters other than tabs, line and page breaks."""
    decoder = getincrementaldecoder("utf-8")()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            if any(byte < 32 and byte not in _TEXT_CONTROLS for byte in chunk):
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def open_verified(storage_name: str, sha256: str) -> BinaryIO:
    """The stored file, opened for reading, after checking it against its checksum."""
    path = path_of(storage_name)
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as source:
            for chunk in _chunks(source):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            raise DocumentDamaged(f"{storage_name} does not match its checksum")
        return open(path, "rb")  # noqa: SIM115 - the caller streams and closes it
    except FileNotFoundError:
        raise DocumentDamaged(f"{storage_name} is missing") from None


def read_verified(storage_name: str, sha256: str) -> bytes:
    with open_verified(storage_name, sha256) as source:
        data = source.read()
    if hashlib.sha256(data).hexdigest() != sha256:  # changed between the two reads
        raise DocumentDamaged(f"{storage_name} does not match its checksum")
    return data


def _chunks(source: BinaryIO) -> Iterator[bytes]:
    while chunk := source.read(CHUNK):
        yield chunk


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"
