"""`disclose import-records`: check the whole extract, then load it in one transaction."""

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from tqdm import tqdm

from disclose.audit.log import record

from .fresh import indexes_built_after_load
from .load_cases import load_cases
from .load_org import load_organisation
from .load_people import load_person_details, load_persons
from .reader import Problem
from .spool import Spool
from .tables import ALL_FILES
from .upsert import TableCount
from .validate import validate_extract

# The search index is built by records/search, which may not be installed in
# every build of this tree yet; an import must still work without it.
try:
    from disclose.records.search.index import reindex_persons
except ImportError:  # pragma: no cover - depends on what else is installed
    reindex_persons = None


@dataclass
class ImportReport:
    folder: Path
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    counts: dict[str, TableCount] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def totals(self) -> TableCount:
        total = TableCount()
        for count in self.counts.values():
            total.created += count.created
            total.updated += count.updated
            total.unchanged += count.unchanged
            total.removed += count.removed
        return total


def import_extract(
    folder: Path | str,
    *,
    dry_run: bool = False,
    show_progress: bool | None = None,
    actor=None,
    via: str = "",
) -> ImportReport:
    """Check every file, then (if nothing is wrong) load them all or nothing.

    show_progress None shows progress bars on stderr only when it is a terminal.
    `actor` is who imported it, when someone did (an upload to the API).
    """
    started = time.monotonic()
    report = ImportReport(folder=Path(folder), dry_run=dry_run)
    present = [s.name for s in ALL_FILES if (report.folder / s.name).exists()]
    if not present:
        raise FileNotFoundError(
            f"{report.folder} has none of the files an extract should hold, "
            f"such as {ALL_FILES[3].name}."
        )
    size = sum((report.folder / name).stat().st_size for name in present)
    with Spool(report.folder) as spool:
        with _bar("Checking", size, show_progress) as progress:
            validation = validate_extract(report.folder, progress, spool)
        report.problems, report.rows = validation.problems, validation.rows
        if report.problems:
            report.seconds = time.monotonic() - started
            return report
        spool.finish()
        _load_all(report, spool, started, dry_run, show_progress, actor, via)
    return report


def _load_all(report: ImportReport, spool: Spool, started, dry_run, show_progress, actor, via):
    """Load the checked rows in one transaction: all of them, or none."""
    with transaction.atomic():
        with _bar("Loading", spool.size(), show_progress) as progress:
            changed = _load(report, spool, progress)
        if dry_run:
            transaction.set_rollback(True)
        else:
            detail = _audit_detail(report) | ({"via": via} if via else {})
            record(event_type="records_imported", actor=actor, detail=detail)
            if reindex_persons is not None and changed:
                reindex_persons(sorted(changed))
    report.seconds = time.monotonic() - started


def _load(report: ImportReport, extract: Spool, progress) -> set[int]:
    """Load every table; returns the pks of persons whose names or details changed."""
    counts = report.counts
    org = load_organisation(extract, counts, progress)
    with indexes_built_after_load():
        persons, person_pk = load_persons(extract, progress)
        counts["persons"] = persons.count()
        scope = {person_pk[k[0]] for k in persons.seen}
        changed = {person_pk[k[0]] for k in persons.created | persons.updated}
        del persons  # a million keys: only the pks are needed from here on
        changed |= load_person_details(extract, person_pk, scope, counts, progress)
        load_cases(extract, org, person_pk, scope, counts, progress)
    return changed


def _audit_detail(report: ImportReport) -> dict:
    return {
        "folder": str(report.folder),
        "files": report.rows,
        "tables": {name: count.as_dict() for name, count in report.counts.items()},
    }


def _bar(label: str, total: int, show: bool | None):
    return tqdm(
        total=total,
        desc=label,
        unit="B",
        unit_scale=True,
        file=sys.stderr,
        disable=(None if show is None else not show),
        leave=False,
    )
