"""Restoring a backup archive into a new, empty, migrated database.

Everything that can be checked is checked before anything is written, and the
database part happens in one transaction that also proves the result: the
counts per table match the manifest and the audit chain verifies to the same
head. If either fails, the transaction rolls back and nothing has changed.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from disclose.audit.log import record, verify

from . import database
from .archive import (
    DUMP,
    BackupError,
    documents_root,
    extract,
    move_documents,
    read_manifest,
)
from .manifest import Manifest


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    tables: int
    rows: int
    audit_events: int
    documents: int


def check_target_is_empty() -> None:
    """Refuse to mix a backup with data already here: the ids would collide or merge."""
    found = database.tables_with_data()
    if found:
        listed = ", ".join(f"{label} ({n} rows)" for label, n in list(found.items())[:5])
        raise BackupError(
            f"The database already holds data: {listed}. Nothing has been changed. "
            "Restore only into a new, empty database: create it, run `disclose migrate`, "
            "then run `disclose restore` again."
        )
    root = documents_root()
    if root.exists() and any(root.iterdir()):
        raise BackupError(
            f"The documents folder {root} is not empty. Nothing has been changed. "
            "Restore into an empty or missing documents folder."
        )


def check_migrations(manifest: Manifest) -> None:
    here = {tuple(m) for m in database.applied_migrations()}
    newer = sorted(f"{app}.{name}" for app, name in manifest.migrations if (app, name) not in here)
    if newer:
        raise BackupError(
            "This backup comes from a newer version of the database than this one "
            f"({', '.join(newer[:3])} not applied here). Upgrade Disclose and run "
            "`disclose migrate`, then restore."
        )


def restore_backup(infile: Path) -> Restored:
    infile = infile.resolve()
    manifest = read_manifest(infile)
    check_target_is_empty()
    check_migrations(manifest)
    root = documents_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the documents folder, so moving them into place is a rename.
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".disclose-restore-") as work:
        unpacked = Path(work)
        extract(infile, unpacked)
        with transaction.atomic():
            database.load(unpacked / DUMP)
            events = _prove(manifest)
            record(
                event_type="database_restored",
                detail={"archive": infile.name, "backup_created_at": manifest.created_at},
            )
        documents = move_documents(unpacked, root)
    if documents != manifest.documents["files"]:
        raise BackupError(
            f"The database is restored, but {documents} of {manifest.documents['files']} "
            f"documents were restored to {root}. Check the archive and the folder."
        )
    return Restored(manifest, len(manifest.counts), manifest.rows, events, documents)


def _prove(manifest: Manifest) -> int:
    """Raise (and so roll back) unless the database now matches the backup exactly."""
    wrong = database.mismatches(manifest.counts, database.counts())
    if wrong:
        raise BackupError("The restored counts do not match the backup: " + "; ".join(wrong))
    result = verify()
    if not result.ok:
        raise BackupError(f"The restored audit chain does not verify: {result.problem}.")
    head = database.chain_head()
    if head != manifest.audit_head:
        raise BackupError(
            f"The restored audit chain ends at event {head['seq']}, "
            f"but the backup's ended at event {manifest.audit_head['seq']}."
        )
    return result.events
