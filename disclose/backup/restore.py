"""Restoring a backup archive into a new, empty, migrated database.

Everything that can be checked is checked before anything is written: the
key and every byte of the archive (crypto.py), that this database is set up
by the same version as the backup, and each table's rows and each document
against the manifest's hashes. The database part happens in one transaction
that also proves the result: the counts and the hash of every table, read
back from the database, match the manifest, and the audit chain verifies to
the same head. If any fails, the transaction rolls back and nothing has changed.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from disclose.audit.log import record, verify

from . import database
from .archive import (
    DUMP,
    BackupError,
    document_hashes,
    documents_root,
    extract,
    move_documents,
    read_manifest,
)
from .manifest import Manifest

_UNCHANGED = "Nothing has been changed."


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


def _names(migrations) -> str:
    names = sorted(f"{app}.{name}" for app, name in migrations)
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def check_migrations(manifest: Manifest) -> None:
    """The database must be set up by exactly the version of Disclose that made the backup:
    rows from one version of the tables do not load safely into another."""
    executor = MigrationExecutor(connection)
    waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if waiting:
        names = _names((migration.app_label, migration.name) for migration, _ in waiting)
        raise BackupError(
            f"This database is not set up yet: {len(waiting)} migrations have not been run "
            f"({names}). Run `disclose migrate`, then `disclose restore` again. {_UNCHANGED}"
        )
    here = {tuple(m) for m in database.applied_migrations()}
    backup = {tuple(m) for m in manifest.migrations}
    if backup - here:
        raise BackupError(
            "This backup comes from a newer version of Disclose than this one "
            f"({_names(backup - here)} not applied here). Upgrade Disclose and run "
            f"`disclose migrate`, then restore. {_UNCHANGED}"
        )
    if here - backup:
        raise BackupError(
            "This database is newer than the backup: it has changes the backup's version of "
            f"Disclose ({manifest.disclose_version}) did not have ({_names(here - backup)}). "
            f"Restore with Disclose {manifest.disclose_version} into a new database it has set "
            f"up; then upgrade Disclose and run `disclose migrate`. {_UNCHANGED}"
        )


def check_contents(manifest: Manifest, unpacked: Path) -> None:
    """Every table's rows and every document exactly as the manifest says."""
    tables = database.differing_tables(
        manifest.table_hashes, database.table_hashes(unpacked / DUMP)
    )
    if tables:
        raise BackupError(
            f"The backup's rows do not match its manifest in {', '.join(tables[:5])}: the "
            f"archive has been changed since it was made. Use another copy. {_UNCHANGED}"
        )
    found = document_hashes(unpacked / "documents")
    wrong = sorted(
        name
        for name in set(found) | set(manifest.document_hashes)
        if found.get(name) != manifest.document_hashes.get(name)
    )
    if wrong:
        raise BackupError(
            f"The backup's documents do not match its manifest: {', '.join(wrong[:5])}. "
            f"The archive has been changed since it was made. Use another copy. {_UNCHANGED}"
        )


def restore_backup(infile: Path) -> Restored:
    infile = infile.resolve()
    manifest = read_manifest(infile)
    check_migrations(manifest)
    check_target_is_empty()
    root = documents_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the documents folder, so moving them into place is a rename.
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".disclose-restore-") as work:
        unpacked = Path(work)
        extract(infile, unpacked)
        check_contents(manifest, unpacked)
        with transaction.atomic():
            _load(unpacked / DUMP)
            events = _prove(manifest, unpacked)
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


def _load(dump: Path) -> None:
    try:
        database.load(dump)
    except (DatabaseError, DeserializationError) as error:
        raise BackupError(
            f"The backup could not be loaded into this database ({error}). {_UNCHANGED}"
        ) from error


def _prove(manifest: Manifest, unpacked: Path) -> int:
    """Raise (and so roll back) unless the database now matches the backup exactly."""
    wrong = database.mismatches(manifest.counts, database.counts())
    if wrong:
        raise BackupError("The restored counts do not match the backup: " + "; ".join(wrong))
    read_back = unpacked / "read-back.jsonl"
    database.dump(read_back)
    tables = database.differing_tables(manifest.table_hashes, database.table_hashes(read_back))
    if tables:
        raise BackupError(
            f"The restored rows differ from the backup in {', '.join(tables[:5])}. {_UNCHANGED}"
        )
    # The chain itself; this installation's checkpoints may rightly be ahead of an old backup.
    result = verify(against_checkpoints=False)
    if not result.ok:
        raise BackupError(
            f"The restored audit chain does not verify: {result.problem}. If the backup is "
            "from another installation, set DISCLOSE_AUDIT_KEY to that installation's key. "
            + _UNCHANGED
        )
    head = database.chain_head()
    if head != manifest.audit_head:
        raise BackupError(
            f"The restored audit chain ends at event {head['seq']}, "
            f"but the backup's ended at event {manifest.audit_head['seq']}."
        )
    return result.events
