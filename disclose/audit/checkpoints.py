"""Signed checkpoints of the chain head, kept outside the database (issue 15, item 2).

A keyed chain stops someone who can write the database from changing an
event and re-chaining; it cannot by itself show that the last events were cut
off, or that the whole table was put back from an older backup, because what
is left is still a valid chain. A checkpoint can: it is a small signed file
that says "at this time the chain reached event N with this hash". The worker
writes one a day (DISCLOSE_AUDIT_CHECKPOINT_HOURS), `disclose audit checkpoint`
writes one at once, and `disclose audit verify` checks the chain still holds
every one. They go to DISCLOSE_AUDIT_CHECKPOINT_DIR: a folder on other storage,
ideally write-once (docs/deploy-database.md), since anyone who can delete
checkpoints can hide a truncation.
"""

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .hashing import checkpoint_signature, same
from .models import ChainHead

FORMAT = 1
PATTERN = "checkpoint-*.json"


@dataclass(frozen=True)
class Checkpoint:
    path: Path
    seq: int
    hash: str
    at: datetime
    signed: bool

    @property
    def when(self) -> str:
        return timezone.localtime(self.at).strftime("%Y-%m-%d %H:%M")


def folder() -> Path:
    return Path(settings.DISCLOSE_AUDIT_CHECKPOINT_DIR)


def write(now: datetime | None = None) -> Checkpoint:
    """Chain what is waiting, then record the head in a new signed file."""
    from .sequencer import chain_waiting

    chain_waiting()
    head = ChainHead.objects.filter(id=1).first()
    now = now or timezone.now()
    fields = {
        "format": FORMAT,
        "seq": head.seq if head else 0,
        "hash": head.hash if head else "0" * 64,
        "at": now.isoformat(),
    }
    text = json.dumps({**fields, "signature": checkpoint_signature(fields)}, indent=2)
    place = folder()
    place.mkdir(parents=True, exist_ok=True)
    path = place / f"checkpoint-{fields['seq']:012d}-{now:%Y%m%dT%H%M%S%f}.json"
    # Never overwrite: on write-once storage a checkpoint is made once and kept.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text + "\n")
        out.flush()
        os.fsync(out.fileno())
    return Checkpoint(path, fields["seq"], fields["hash"], now, True)


def write_if_due(now: datetime | None = None) -> Checkpoint | None:
    """The worker's daily checkpoint: only when the newest is older than the interval
    and the chain has events."""
    now = now or timezone.now()
    newest = max((c.at for c in load() if c.signed), default=None)
    if newest and now - newest < timedelta(hours=settings.DISCLOSE_AUDIT_CHECKPOINT_HOURS):
        return None
    head = ChainHead.objects.filter(id=1).first()
    if head is None or head.seq == 0:
        return None
    return write(now)


def load() -> list[Checkpoint]:
    """Every checkpoint in the folder, oldest chain position first. A file that cannot be
    read, or whose signature does not match this installation's key, comes back unsigned."""
    place = folder()
    if not place.is_dir():
        return []
    found = [_read(path) for path in sorted(place.glob(PATTERN))]
    return sorted(found, key=lambda c: (c.seq, c.at))


def _read(path: Path) -> Checkpoint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = {name: data[name] for name in ("format", "seq", "hash", "at")}
        signed = same(str(data["signature"]), checkpoint_signature(fields))
        return Checkpoint(
            path,
            int(fields["seq"]),
            str(fields["hash"]),
            datetime.fromisoformat(fields["at"]),
            signed,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return Checkpoint(path, 0, "", timezone.now(), False)
