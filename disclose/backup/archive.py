"""Writing a backup archive (see the package docstring for what is inside)."""

import getpass
import hashlib
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
from disclose.audit.sequencer import chain_waiting

from . import database
from .crypto import CHUNK, CryptoError, DecryptingReader, EncryptingWriter
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


def document_hashes(root: Path) -> dict[str, str]:
    """Each document's path under the folder, and the SHA-256 of its bytes."""
    hashes = {}
    for path in document_files(root):
        digest = hashlib.sha256()
        with path.open("rb") as content:
            for block in iter(lambda: content.read(CHUNK), b""):
                digest.update(block)
        hashes[path.relative_to(root).as_posix()] = digest.hexdigest()
    return hashes


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
    chain_waiting()  # so the backup holds the chain whole, up to its own event
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
        manifest.table_hashes = database.table_hashes(dump_path)
        # After the snapshot, so every file a copied row points to is there.
        files = document_files(documents_root())
        manifest.documents = {"files": len(files), "bytes": sum(f.stat().st_size for f in files)}
        manifest.document_hashes = document_hashes(documents_root())
        (Path(work) / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
        _write_archive(outfile, Path(work), files)
    return manifest


def _write_archive(outfile: Path, work: Path, files: list[Path]) -> None:
    """Write beside the target and rename, so a half-written archive never has its name."""
    partial = outfile.with_name(outfile.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # personal data
    try:
        with os.fdopen(fd, "wb") as raw:
            sealed = EncryptingWriter(raw)
            # The manifest first, so a restore can read it without unpacking the rest.
            with tarfile.open(fileobj=sealed, mode="w|gz") as tar:
                tar.add(work / MANIFEST, arcname=MANIFEST)
                tar.add(work / DUMP, arcname=DUMP)
                root = documents_root()
                for path in files:
                    tar.add(path, arcname=f"{DOCUMENTS}/{path.relative_to(root).as_posix()}")
            sealed.close()
        os.replace(partial, outfile)
    except CryptoError as error:
        raise BackupError(str(error)) from error
    finally:
        if partial.exists():
            partial.unlink()


@contextmanager
def _opened(infile: Path) -> Iterator[tuple[tarfile.TarFile, DecryptingReader]]:
    """The archive decrypted as it is read; every failure becomes a plain message."""
    try:
        with infile.open("rb") as raw:
            plain = DecryptingReader(raw)
            with tarfile.open(fileobj=plain, mode="r|gz") as tar:
                yield tar, plain
    except CryptoError as error:
        raise BackupError(str(error)) from error
    except FileNotFoundError as error:
        raise BackupError(f"There is no file {infile}. Check the file name.") from error
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(
            f"{infile} is not a Disclose backup archive ({error}). Check the file name."
        ) from error


def read_manifest(infile: Path) -> Manifest:
    with _opened(infile) as (tar, _):
        member = tar.next()
        content = tar.extractfile(member) if member and member.name == MANIFEST else None
        if content is None:
            raise BackupError(f"{infile} has no manifest, so it is not a Disclose backup.")
        try:
            return Manifest.from_json(content.read().decode("utf-8"))
        except (ValueError, KeyError, TypeError) as error:
            raise BackupError(f"The backup's manifest cannot be read: {error}") from error


def extract(infile: Path, into: Path) -> None:
    """Unpack safely: the 'data' filter refuses absolute paths, '..', links out and devices.
    Read to the very end, so the last chunk's seal is checked too."""
    with _opened(infile) as (tar, plain):
        for member in tar:
            if member.name in (MANIFEST, DUMP) or member.name.startswith(DOCUMENTS + "/"):
                tar.extract(member, into, filter="data")
        while plain.read(CHUNK):
            pass


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
