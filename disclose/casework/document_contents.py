"""Looking inside an upload once its type is known (issue 15, item 6).

The type check reads the first bytes; a file can still carry what runs when it
is opened. So:

- Word, Excel and OpenDocument files are zips: at most MAX_ENTRIES parts and
  MAX_EXPANDED_BYTES unpacked (a "zip bomb" is small packed and huge unpacked),
  every part read through to its checksum, no macros and no embedded programs
  or objects. A Word or Excel file must also say inside that it is one.
- PDFs: no JavaScript, no launch actions (both can run when the file is opened),
  looked for in the file and in its compressed streams; an encrypted PDF cannot
  be looked inside, so it is refused too.

Each refusal says what to do instead. Nothing is unpacked to disk.
"""

import html
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import filetype

MAX_ENTRIES = 2_000
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_PDF_INFLATED_BYTES = 100 * 1024 * 1024
_CHUNK = 64 * 1024

# The main part each format declares in [Content_Types].xml.
_MAIN_PART = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_WORDS = {"docx": "Word", "xlsx": "Excel", "odt": "OpenDocument"}
# Parts that hold macros: VBA projects, Excel 4 macro sheets, ActiveX controls,
# OpenDocument Basic and scripts.
_MACRO_PART = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml)$|(^|/)(macrosheets|activeX)/|^(Basic|Scripts)/",
    re.IGNORECASE,
)
_MACRO_TYPE = re.compile(r"macroEnabled|vbaProject|ms-excel\.(intl)?macrosheet", re.IGNORECASE)
# Embedded OLE objects can wrap any file, a program included ("Packager").
_EMBEDDED_OBJECT = re.compile(r"(^|/)(oleObject[^/]*\.bin|[^/]*\.(ole|bin))$", re.IGNORECASE)
_PROGRAM_NAME = re.compile(
    r"\.(exe|dll|scr|com|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|msi|jar|lnk|cpl|sh|elf|app)$",
    re.IGNORECASE,
)
_PROGRAM_KINDS = {"exe", "elf", "dmg", "msi", "jar", "dex", "macho", "deb", "rpm", "crx"}

_CONTENT_TYPE = re.compile(r"ContentType\s*=\s*[\"']([^\"']*)[\"']")
_PDF_ACTION = re.compile(rb"/(JavaScript|JS|Launch)(?=[\s()<>\[\]{}/%]|$)")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"(?<![a-z])stream\r?\n")


class _Refused(Exception):
    pass


def problem_inside(extension: str, path: Path, name: str) -> str | None:
    """Why this file cannot be kept, saying what to do instead; None if it can."""
    try:
        if extension in _WORDS:
            _check_zip(extension, path, name)
        elif extension == "pdf":
            _check_pdf(path, name)
    except _Refused as refused:
        return str(refused)
    return None


def _refuse(name: str, what: str, instead: str) -> None:
    raise _Refused(f"'{name}' {what}. {instead}")


def _check_zip(extension: str, path: Path, name: str) -> None:
    words = _WORDS[extension]
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_size(entries, name)
            _check_parts(entries, name, words)
            if extension in _MAIN_PART:
                _check_content_types(archive, extension, name)
            _check_each_part(archive, entries, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        _refuse(
            name,
            f"is damaged: it cannot be opened as a {words} file",
            "Open it, save it again and upload the saved copy.",
        )


def _check_size(entries: list[zipfile.ZipInfo], name: str) -> None:
    if len(entries) > MAX_ENTRIES:
        _refuse(
            name,
            f"has {len(entries):,} parts inside; Disclose accepts up to {MAX_ENTRIES:,}",
            "Save it as a PDF and upload that.",
        )
    expanded = sum(entry.file_size for entry in entries)
    if expanded > MAX_EXPANDED_BYTES:
        _refuse(
            name,
            f"unpacks to more than {MAX_EXPANDED_BYTES // (1024 * 1024)} MB",
            "Save it as a PDF, or split it into smaller files.",
        )


def _check_parts(entries: list[zipfile.ZipInfo], name: str, words: str) -> None:
    for entry in entries:
        if _MACRO_PART.search(entry.filename):
            _macros(name, words)
        if _PROGRAM_NAME.search(entry.filename):
            _program(name)
        if _EMBEDDED_OBJECT.search(entry.filename):
            _refuse(
                name,
                "has an object embedded in it, which could hide a program",
                "Save it as a PDF, or remove the embedded object, and upload it again.",
            )


def _check_content_types(archive: zipfile.ZipFile, extension: str, name: str) -> None:
    try:
        with archive.open("[Content_Types].xml") as source:
            text = source.read(1024 * 1024).decode("utf-8", "replace")
    except KeyError:
        raise zipfile.BadZipFile("no [Content_Types].xml") from None
    if "<!" in text:  # a DTD has no place here, and its entities could hide a type
        raise zipfile.BadZipFile("[Content_Types].xml has a DTD")
    declared = {html.unescape(kind) for kind in _CONTENT_TYPE.findall(text)}
    if any(_MACRO_TYPE.search(kind) for kind in declared):
        _macros(name, _WORDS[extension])
    if _MAIN_PART[extension] not in declared:
        raise zipfile.BadZipFile(f"no {extension} main part")


def _check_each_part(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], name: str) -> None:
    """Read every part through: zipfile stops at the size each part declares and
    checks its CRC, so a part that lies about its size fails here, within the bound."""
    for entry in entries:
        if entry.is_dir():
            continue
        with archive.open(entry) as part:
            head = part.read(8192)
            kind = filetype.guess(head)
            if kind is not None and kind.extension in _PROGRAM_KINDS:
                _program(name)
            while part.read(_CHUNK):
                pass


def _macros(name: str, words: str) -> None:
    _refuse(
        name,
        "contains macros, which can run when it is opened",
        f"Save it as an ordinary {words} file without macros, or as a PDF, and upload that.",
    )


def _program(name: str) -> None:
    _refuse(
        name,
        "has a program inside it",
        "Disclose does not accept files that carry programs. Save the document as a PDF "
        "and upload that.",
    )


def _check_pdf(path: Path, name: str) -> None:
    data = path.read_bytes()  # at most the upload limit
    # Encrypted first: its streams cannot be read, so nothing else could be checked.
    if re.search(rb"/Encrypt(?=[\s()<>\[\]{}/%])", _unescaped(data)):
        _refuse(
            name,
            "is password protected or encrypted, so Disclose cannot check what is inside",
            "Save a copy without a password and upload that.",
        )
    if _has_action(data) or any(_has_action(found) for found in _inflated_streams(data, name)):
        _refuse(
            name,
            "contains JavaScript or an action that opens other programs",
            "Print it to a new PDF, or save it as a PDF without scripts, and upload that.",
        )


def _unescaped(data: bytes) -> bytes:
    # A name may spell its letters as #xx (/J#61vaScript is /JavaScript).
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def _has_action(data: bytes) -> bool:
    return bool(_PDF_ACTION.search(_unescaped(data)))


def _inflated_streams(data: bytes, name: str) -> Iterator[bytes]:
    """What each Flate stream holds, up to MAX_PDF_INFLATED_BYTES in all: an object
    stream can hide an action's dictionary. An object stream that does not inflate
    cannot be checked, so the file is refused."""
    view, budget = memoryview(data), MAX_PDF_INFLATED_BYTES
    for match in _PDF_STREAM.finditer(data):
        # The stream's own dictionary: from its "N 0 obj" to the word "stream".
        dictionary = _unescaped(data[max(0, match.start() - 2048) : match.start()])
        object_stream = b"/ObjStm" in dictionary[max(0, dictionary.rfind(b" obj")) :]
        found = _inflate(data, view, match.end(), budget, name)
        if found is None:
            if object_stream:
                _refuse(
                    name,
                    "is packed in a way Disclose cannot look inside",
                    "Print it to a new PDF and upload that.",
                )
            continue  # images and other streams hold no actions
        budget -= len(found)
        yield found


def _inflate(data: bytes, view: memoryview, start: int, budget: int, name: str) -> bytes | None:
    """Inflate from `start`, fed up to each "endstream" in turn (so nothing is
    copied twice), until the stream ends; None when it is not Flate."""
    inflate, out, at = zlib.decompressobj(), [], start
    while not inflate.eof:
        end = data.find(b"endstream", at)
        end = len(data) if end < 0 else end + len(b"endstream")
        if end <= at:
            break
        left = budget - sum(map(len, out))
        try:
            # max_length 0 would mean no limit, so the budget spent is checked first.
            out.append(inflate.decompress(view[at:end], left) if left > 0 else b"")
        except zlib.error:
            return None if not out else b"".join(out)
        if left <= 0 or inflate.unconsumed_tail:
            _refuse(
                name,
                f"unpacks to more than {MAX_PDF_INFLATED_BYTES // (1024 * 1024)} MB, "
                "so Disclose cannot check it",
                "Split it into smaller files and upload those.",
            )
        at = end
    return b"".join(out)
