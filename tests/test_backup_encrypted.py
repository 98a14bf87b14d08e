"""Backups are encrypted, and a restore refuses anything but the archive as made
(issue 15, item 5): a changed byte, the wrong key, a changed case note, or a
database that is not set up by the same version."""

import io
import os
import subprocess  # nosec B404 - runs our own command line, with fixed arguments
import sys
import tarfile

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from faker import Faker
from subprocesses import SUBPROCESS_SECONDS

from disclose.audit.models import AuditEvent
from disclose.backup.crypto import DecryptingReader, EncryptingWriter
from disclose.records.models import CaseNote, Person, Staff

pytestmark = pytest.mark.django_db
fake = Faker("en_GB")
NOTE = "Seen at home with her grandmother; the school has no concerns."


@pytest.fixture
def archive(settings, tmp_path):
    Faker.seed(15)
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    settings.DOCUMENTS_ROOT.mkdir()
    (settings.DOCUMENTS_ROOT / "letter.txt").write_text("A synthetic letter.")
    author = Staff.objects.create_user(username="worker", last_name=fake.last_name())
    person = Person.objects.create(person_id="P1", forename="Amara", surname="Okonkwo-Blythe")
    CaseNote.objects.create(person=person, author=author, text=NOTE, request_reference="R-1")
    path = tmp_path / "backup.disclose"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


def _empty(settings, tmp_path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DOCUMENTS_ROOT = tmp_path / "restored"


def _restore(path) -> str:
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    return out.getvalue()


def _rewrite(path, change) -> None:
    """What someone holding the key could do: open the archive, change a member, seal it again."""
    with path.open("rb") as raw:
        plain = DecryptingReader(raw).read()
    members = {}
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz") as tar:
        for member in tar:
            members[member.name] = tar.extractfile(member).read() if member.isfile() else None
    members = change(members)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, content in members.items():
            if content is not None:
                info = tarfile.TarInfo(name)
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
    with path.open("wb") as raw:
        sealed = EncryptingWriter(raw)
        sealed.write(buffer.getvalue())
        sealed.close()


def test_the_archive_does_not_show_what_it_holds(archive):
    content = archive.read_bytes()
    assert b"Okonkwo-Blythe" not in content and NOTE.encode() not in content
    assert b"letter" not in content and b"manifest" not in content


def test_a_round_trip_still_brings_everything_back(archive, settings, tmp_path):
    _empty(settings, tmp_path)
    out = _restore(archive)
    assert "Counts match the backup" in out
    assert CaseNote.objects.get().text == NOTE
    assert (settings.DOCUMENTS_ROOT / "letter.txt").read_text() == "A synthetic letter."


@pytest.mark.parametrize("where", [0.1, 0.5, 0.99])
def test_a_backup_changed_by_one_byte_is_refused(archive, settings, tmp_path, where):
    content = bytearray(archive.read_bytes())
    content[int(len(content) * where)] ^= 0x01
    archive.write_bytes(bytes(content))
    _empty(settings, tmp_path)
    with pytest.raises(CommandError, match="This backup has been changed or damaged since it was"):
        _restore(archive)
    assert Person.objects.count() == 0 and not settings.DOCUMENTS_ROOT.exists()


def test_a_backup_cut_short_is_refused(archive, settings, tmp_path):
    archive.write_bytes(archive.read_bytes()[:-20])
    _empty(settings, tmp_path)
    with pytest.raises(CommandError, match="changed or damaged since it was made"):
        _restore(archive)
    assert Person.objects.count() == 0


def test_a_backup_restored_with_the_wrong_key_is_refused(archive, settings, tmp_path):
    _empty(settings, tmp_path)
    settings.DISCLOSE_BACKUP_KEY = "not the key this backup was made with, at all"
    with pytest.raises(CommandError, match="This backup was made with a different key"):
        _restore(archive)
    assert Person.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_a_changed_case_note_is_noticed(archive, settings, tmp_path):
    def change(members):
        dump = members["database.jsonl"].decode()
        assert NOTE in dump
        members["database.jsonl"] = dump.replace(NOTE, "Nothing to note.").encode()
        return members

    _rewrite(archive, change)
    _empty(settings, tmp_path)
    # The note is in its record-system entry in the outbox too: both are named.
    with pytest.raises(CommandError, match=r"rows do not match its manifest in .*records.casenote"):
        _restore(archive)
    assert CaseNote.objects.count() == 0


def test_a_changed_document_is_noticed(archive, settings, tmp_path):
    def change(members):
        members["documents/letter.txt"] = b"Another letter."
        return members

    _rewrite(archive, change)
    _empty(settings, tmp_path)
    with pytest.raises(CommandError, match="documents do not match its manifest: letter.txt"):
        _restore(archive)
    assert Person.objects.count() == 0


def test_restoring_into_a_newer_database_is_refused_with_what_to_do(archive, settings, tmp_path):
    import json

    def older(members):
        manifest = json.loads(members["manifest.json"])
        manifest["migrations"] = [m for m in manifest["migrations"] if m[0] != "audit"]
        members["manifest.json"] = json.dumps(manifest).encode()
        return members

    _rewrite(archive, older)
    _empty(settings, tmp_path)
    with pytest.raises(CommandError, match=r"This database is newer than the backup.*audit\.0001"):
        _restore(archive)


def test_restoring_into_a_database_not_yet_set_up_says_to_migrate(archive, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DISCLOSE_DATA_DIR": str(tmp_path / "new"),
        "DISCLOSE_SECRET_KEY": "test-only",
        "DISCLOSE_BACKUP_KEY": django_settings.DISCLOSE_BACKUP_KEY,
        "DISCLOSE_AUDIT_KEY": django_settings.DISCLOSE_AUDIT_KEY,
    }
    env.pop("DISCLOSE_DOCUMENTS_DIR", None)
    result = subprocess.run(  # noqa: S603  # nosec B603
        [sys.executable, "-m", "disclose.cli", "restore", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_SECONDS,
        check=False,
    )
    assert result.returncode != 0
    assert "This database is not set up yet" in result.stderr
    assert "Run `disclose migrate`, then `disclose restore` again." in result.stderr
    assert "Traceback" not in result.stderr


def test_restoring_an_older_backup_warns_that_the_checkpoints_saw_more(archive, settings, tmp_path):
    from disclose.audit import checkpoints
    from disclose.audit.log import record

    record(event_type="after the backup")
    checkpoints.write()
    _empty(settings, tmp_path)
    out, err = io.StringIO(), io.StringIO()
    call_command("restore", str(archive), stdout=out, stderr=err)
    assert "Counts match the backup" in out.getvalue()
    assert "Warning: the audit checkpoints show more than this backup holds" in err.getvalue()
    assert "is missing: the checkpoint of" in err.getvalue()
