"""Reading one CSV file of an extract into parsed rows, noting every problem."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .fields import text
from .tables import FileSpec


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class _Lines:
    """Iterates a file's lines, telling the progress bar how far it has read."""

    def __init__(self, handle, progress) -> None:
        self.handle, self.progress = handle, progress

    def __iter__(self):
        if self.progress is None or getattr(self.progress, "disable", False):
            yield from self.handle  # counting a million lines for a hidden bar costs seconds
            return
        read = 0
        for n, line in enumerate(self.handle):
            read += len(line)
            if n % 1000 == 999:  # updating the bar on every line would slow reading
                self.progress.update(read)
                read = 0
            yield line
        self.progress.update(read)


class ExtractUnreadable(ValueError):
    """A file that is not CSV text at all: nothing in it can be checked row by row."""


def read_rows(
    folder: Path, spec: FileSpec, problems: list[Problem] | None, progress=None
) -> Iterator[tuple[int, dict, list[tuple[str, str]]]]:
    """As _read_rows, with a file that cannot be read as CSV text named (issue 6, item 6)."""
    try:
        yield from _read_rows(folder, spec, problems, progress)
    except UnicodeDecodeError as error:
        raise ExtractUnreadable(
            f"{spec.name} is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as 'CSV UTF-8' and try again."
        ) from None
    except csv.Error as error:
        raise ExtractUnreadable(f"{spec.name} cannot be read as CSV: {error}.") from None


def _read_rows(
    folder: Path, spec: FileSpec, problems: list[Problem] | None, progress=None
) -> Iterator[tuple[int, dict, list[tuple[str, str]]]]:
    """Yield (line, parsed row, cell problems) for each row of one file.

    Lines are numbered as an editor numbers them: the header is line 1. A cell
    that does not parse is left out of the row and named in the cell problems.
    A missing column is added to `problems` (None when the file has already
    been checked) and the file yields nothing.
    """
    path = folder / spec.name
    if not path.exists():
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(_Lines(handle, progress))
        header = [name.strip().lower() for name in next(reader, [])]
        positions = {name: i for i, name in enumerate(header)}
        missing = [c.name for c in spec.columns if c.required and c.name not in positions]
        if missing:
            if problems is not None:
                for name in missing:
                    problems.append(Problem(spec.name, 1, name, "this column is missing"))
            return
        # Plain tuples: attribute lookups on every cell of millions of rows add up.
        plan = [
            (c.name, positions.get(c.name, -1), c.parse, c.required, c.max_length)
            for c in spec.columns
        ]
        previous_end = reader.line_num
        for cells in reader:
            line, previous_end = previous_end + 1, reader.line_num
            joined = "".join(cells)
            if not joined.strip():
                continue  # blank lines are not rows
            row, bad = _parse(plan, cells, "\x00" in joined)
            yield line, row, bad


def _parse(plan: list, cells: list[str], has_nul: bool = True) -> tuple[dict, list]:
    """Parse one row's cells; `has_nul` False (no NUL anywhere in the row) skips
    looking for one in each cell, and plain text is stripped here rather than by
    a call to fields.text: this runs for every cell of millions of rows."""
    row, bad = {}, []
    width = len(cells)
    for name, index, parse, required, max_length in plan:
        raw = cells[index] if 0 <= index < width else ""
        if has_nul and "\x00" in raw:
            # PostgreSQL cannot store it, and no real value holds one (issue 6, item 6).
            bad.append((name, "this holds a NUL character (0x00); remove it"))
            continue
        if required and not raw.strip():
            bad.append((name, "this is empty; it must have a value"))
            continue
        if parse is text:
            value = raw.strip()
        else:
            try:
                value = parse(raw)
            except ValueError as error:
                bad.append((name, str(error)))
                continue
        if max_length and isinstance(value, str) and len(value) > max_length:
            bad.append(
                (name, f"this is {len(value)} characters long; the most allowed is {max_length}")
            )
            continue
        row[name] = value
    return row, bad
