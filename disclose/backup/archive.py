"""Writing a backup archive (see the package docstring for what is inside)."""

import getpass
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from disclose.audit.log import record

from . import database
from .manifest import Manifest, disclose_version

MANIFEST = "manifest.json"
DUMP = "database.jsonl"
DOCUMENTS = "documents"


class BackupError(Exception):
    """Something the person running the backup or restore can fix; the message says what."""


def documents_root() -> Path:
    return Path(settings.DOCUMENTS_ROOT)


def document_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent view of every table while they are read, even as people keep working."""
    outermost = not connection.in_atomic_block
    connection.ensure_connection()
    mode = getattr(connection, "transaction_mode", None)
    if outermost and connection.vendor == "sqlite":
        # A deferred read sees one snapshot (WAL) without taking the write lock
        # that settings' IMMEDIATE would hold, and so stopping everyone's work.
        connection.transaction_mode = "DEFERRED"
    try:
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    finally:
        if connection.vendor == "sqlite":
            connection.transaction_mode = mode


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return ""


def make_backup(outfile: Path) -> Manifest:
    outfile = outfile.resolve()
    if outfile.exists():
        raise BackupError(f"{outfile} already exists. Choose a new file name for the backup.")
    if not outfile.parent.is_dir():
        raise BackupError(f"The folder {outfile.parent} does not exist. Create it first.")
    # A backup is a copy of everyone's record: the trail says when one was taken.
    record(
        event_type="database_backup",
        detail={"archive": outfile.name, "os_user": _os_user()},
    )
    with tempfile.TemporaryDirectory(dir=outfile.parent, prefix=".disclose-backup-") as work:
        dump_path = Path(work) / DUMP
        with snapshot():
            counts = database.dump(dump_path)
            manifest = Manifest(
                created_at=timezone.now().isoformat(),
                disclose_version=disclose_version(),
                database_vendor=connection.vendor,
                counts=counts,
                audit_head=database.chain_head(),
                migrations=database.applied_migrations(),
            )
        # After the snapshot, so every file a copied row points to is there.
        files = document_files(documents_root())
        manifest.documents = {"files": len(files), "bytes": sum(f.stat().st_size for f in files)}
        (Path(work) / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        _write_archive(outfile, Path(work), files)
    return manifest


def _write_archive(outfile: Path, work: Path, files: list[Path]) -> None:
    """Write beside the target and rename, so a half-written archive never has its name."""
    partial = outfile.with_name(outfile.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # personal data
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / DUMP, arcname=DUMP)
            root = documents_root()
            for path in files:
                tar.add(path, arcname=f"{DOCUMENTS}/{path.relative_to(root).as_posix()}")
        os.replace(partial, outfile)
    finally:
        if partial.exists():
            partial.unlink()


def read_manifest(infile: Path) -> Manifest:
    try:
        with tarfile.open(infile, mode="r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return Manifest.from_json(member.read().decode("utf-8"))
    except (OSError, tarfile.TarError, KeyError) as error:
        raise BackupError(
            f"{infile} is not a Disclose backup archive ({error}). Check the file name."
        ) from error
    except ValueError as error:
        raise BackupError(str(error)) from error


def extract(infile: Path, into: Path) -> None:
    """Unpack safely: the 'data' filter refuses absolute paths, '..', links out and devices."""
    with tarfile.open(infile, mode="r:gz") as tar:
        for member in tar:
            if member.name in (MANIFEST, DUMP) or member.name.startswith(DOCUMENTS + "/"):
                tar.extract(member, into, filter="data")


def move_documents(unpacked: Path, root: Path) -> int:
    """Put the restored documents in place; the target must be missing or empty."""
    source = unpacked / DOCUMENTS
    if not source.is_dir():
        return 0
    root.parent.mkdir(parents=True, exist_ok=True)
    if root.is_dir():
        root.rmdir()  # empty, checked before the restore began
    shutil.move(str(source), str(root))
    return len(document_files(root))
