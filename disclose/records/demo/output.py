"""Writing the demo extract: one CSV writer per file, rows written as they are made."""

import csv
from pathlib import Path

from disclose.records.importer.tables import ALL_FILES


class ExtractWriter:
    """The open files of one extract, with a counter of rows and of each kind of id."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.rows: dict[str, int] = {}
        self._files, self._writers = [], {}
        self._serials: dict[str, int] = {}
        for spec in ALL_FILES:
            handle = (folder / spec.name).open("w", encoding="utf-8", newline="")
            self._files.append(handle)
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([c.name for c in spec.columns])
            self._writers[spec.name] = writer
            self.rows[spec.name] = 0

    def write(self, file_name: str, *cells) -> None:
        self._writers[file_name].writerow(["" if c is None else c for c in cells])
        self.rows[file_name] += 1

    def next_id(self, kind: str, prefix: str = "", start: int = 1) -> str:
        serial = self._serials.get(kind, start - 1) + 1
        self._serials[kind] = serial
        return f"{prefix}{serial}"

    def close(self) -> None:
        for handle in self._files:
            handle.close()
