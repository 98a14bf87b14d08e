"""Plain-text tables and CSV for the audit reports on the command line."""

import csv
import json
from collections.abc import Sequence
from typing import TextIO

from django.utils import timezone

from .reports import AuditRow, columns

# Spreadsheet programs run a cell that starts like a formula; names in the
# record are not trusted to be harmless.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def when(row: AuditRow) -> str:
    return timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S")


def who(row: AuditRow) -> str:
    return f"{row.staff_name} ({row.username})" if row.username else row.staff_name


def person(row: AuditRow) -> str:
    return f"{row.person_id} {row.person_name}".strip()


def write_table(out: TextIO, headings: Sequence[str], lines: list[Sequence[str]]) -> None:
    widths = [len(h) for h in headings]
    for line in lines:
        widths = [max(w, len(cell)) for w, cell in zip(widths, line, strict=True)]
    for line in [headings, ["-" * w for w in widths], *lines]:
        text = "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True))
        out.write(text.rstrip() + "\n")


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(out: TextIO, rows: list[AuditRow]) -> None:
    writer = csv.writer(out)
    writer.writerow(list(columns()))
    for row in rows:
        values = {name: getattr(row, name) for name in columns()}
        values["at"] = row.at.isoformat()
        values["detail"] = json.dumps(row.detail, sort_keys=True)
        writer.writerow([_safe(v) for v in values.values()])


def place(row: AuditRow) -> str:
    """The event's place in the chain; the newest wait a few seconds for the sequencer."""
    return str(row.seq) if row.seq is not None else "waiting"
