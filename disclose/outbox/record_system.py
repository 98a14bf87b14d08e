"""The council's record system (Framework in the procedure): the adapters.

Each entry is a case note's text or a document filed on a person's record,
with the person's record id from the import, its author, the time and the
request reference. settings.RECORD_SYSTEM chooses how entries reach it:

- "folder": one JSON file per entry, plus its document's file, in
  RECORD_SYSTEM_FOLDER, for the council's integration team to pick up. Each
  file is written under a hidden temporary name, flushed to disk, then renamed,
  so a reader never sees half a file; the JSON goes last, so when it is there
  its document is too. A repeat overwrites the same names.
- "http": a JSON POST to RECORD_SYSTEM_URL, with the bearer token read from
  RECORD_SYSTEM_TOKEN_FILE at each delivery (so it can be rotated), and the
  entry id as the Idempotency-Key header. Any 2xx answer means delivered.
- unset: entries are queued and wait until a record system is configured.
"""

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import requests
from django.conf import settings

from disclose.casework import document_store

from .errors import Permanent
from .models import Outgoing


class Adapter(Protocol):
    def deliver(self, entry: dict, document: bytes | None) -> None:
        """Hand one entry over, or raise."""


class FolderDrop:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def deliver(self, entry: dict, document: bytes | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = dict(entry)
        if document is not None:
            name = f"{entry['id']}-{entry['document']['name']}"
            self._write(name, document)
            entry["document"] = {**entry["document"], "file": name}
        self._write(f"{entry['id']}.json", json.dumps(entry, indent=2).encode())

    def _write(self, name: str, data: bytes) -> None:
        target = self.folder / name
        temporary = self.folder / f".{name}.part"
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)


class HttpPost:
    def __init__(self, url: str, token_file: str, timeout: float):
        self.url, self.token_file, self.timeout = url, token_file, timeout

    def deliver(self, entry: dict, document: bytes | None) -> None:
        entry = dict(entry)
        if document is not None:
            content = base64.b64encode(document).decode("ascii")
            entry["document"] = {**entry["document"], "content_base64": content}
        response = requests.post(
            self.url,
            json=entry,
            headers={"Authorization": f"Bearer {self._token()}", "Idempotency-Key": entry["id"]},
            timeout=self.timeout,
        )
        if not 200 <= response.status_code < 300:
            raise RuntimeError(
                f"The record system answered {response.status_code}: {response.text[:200]}"
            )

    def _token(self) -> str:
        try:
            return Path(self.token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise RuntimeError(
                f"Cannot read the record system's token from {self.token_file}: {exc.strerror}"
            ) from None


def adapter() -> Adapter | None:
    """The configured adapter, or None while no record system is configured."""
    kind = getattr(settings, "RECORD_SYSTEM", "")
    if kind == "folder":
        return FolderDrop(settings.RECORD_SYSTEM_FOLDER)
    if kind == "http":
        return HttpPost(
            settings.RECORD_SYSTEM_URL,
            settings.RECORD_SYSTEM_TOKEN_FILE,
            getattr(settings, "RECORD_SYSTEM_TIMEOUT", 20),
        )
    return None


def send(items: list[Outgoing], settle: Callable[[Outgoing, Exception | None], None]) -> None:
    """Hand over each entry, and settle it (None: the record system has it;
    else the error) as soon as its answer is known."""
    if not items:
        return
    target = adapter()
    for item in items:
        try:
            target.deliver(_entry(item.payload), _document(item.payload))
        except Exception as exc:  # noqa: BLE001 - kept on the item, never raised
            settle(item, exc)
        else:
            settle(item, None)


def _entry(payload: dict) -> dict:
    """The entry as the record system sees it: no storage names of ours."""
    entry = dict(payload)
    if "document" in entry:
        entry["document"] = {k: v for k, v in entry["document"].items() if k != "storage_name"}
    return entry


def _document(payload: dict) -> bytes | None:
    spec = payload.get("document")
    if spec is None:
        return None
    try:
        return document_store.read_verified(spec["storage_name"], spec["sha256"])
    except document_store.DocumentDamaged as exc:
        raise Permanent(f"{exc}: the document cannot be sent.") from None
