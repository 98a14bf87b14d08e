"""The rows the check found good, kept on disk so the load does not parse the CSV again.

Parsing a cell (dates, NHS numbers, address JSON) costs more than anything
else an import does in Python, and every file used to be parsed twice: once
to check it, once to load it (the involvements three times). The check now
writes each good row, parsed, to a spool file in batches; the load reads the
batches back (pickle, in C) instead. On disk rather than in memory: a
million-person extract's six million rows would not fit in 1 GB.
"""

# pickle reads back only what this same import wrote a moment ago.
import pickle  # nosec B403
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .tables import FileSpec

BATCH = 5000


class _Writer:
    def __init__(self, path: Path) -> None:
        self.handle = path.open("wb")
        self.batch: list[dict] = []

    def add(self, row: dict) -> None:
        self.batch.append(row)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            pickle.dump(self.batch, self.handle, protocol=pickle.HIGHEST_PROTOCOL)
            self.batch = []

    def close(self) -> None:
        self.flush()
        self.handle.close()


class Spool:
    """Parsed good rows of each file of one extract, in file order.

    Used as a context manager: the files go when the import ends. `folder` is
    the extract itself, for which files are present.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._dir = tempfile.TemporaryDirectory(prefix="disclose-import-")
        self._writers: dict[str, _Writer] = {}

    def __enter__(self) -> "Spool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for writer in self._writers.values():
            writer.handle.close()
        self._dir.cleanup()

    def _path(self, spec: FileSpec) -> Path:
        return Path(self._dir.name) / f"{spec.name}.pickle"

    def has(self, spec: FileSpec) -> bool:
        """Whether the extract holds this file (it may hold no rows)."""
        return (self.folder / spec.name).exists()

    def writer(self, spec: FileSpec) -> _Writer:
        if spec.name not in self._writers:
            self._writers[spec.name] = _Writer(self._path(spec))
        return self._writers[spec.name]

    def finish(self) -> None:
        """Every file is checked: write what is left of each batch."""
        for writer in self._writers.values():
            writer.close()

    def size(self) -> int:
        return sum(p.stat().st_size for p in Path(self._dir.name).iterdir())

    def rows(self, spec: FileSpec, progress=None) -> Iterator[dict]:
        """The good rows of one file as parsed, in the order of the file."""
        path = self._path(spec)
        if not path.exists():
            return
        with path.open("rb") as handle:
            where = 0
            while True:
                try:
                    batch = pickle.load(handle)  # noqa: S301  # nosec B301
                except EOFError:
                    return
                if progress is not None:
                    progress.update(handle.tell() - where)
                    where = handle.tell()
                yield from batch
