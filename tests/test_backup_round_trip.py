"""`disclose backup` then `disclose restore`: everything comes back, provably (issue 6, point 7)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from faker import Faker

from disclose.audit.log import record, record_access, verify
from disclose.audit.models import AuditEvent
from disclose.audit.sequencer import chain_waiting
from disclose.backup import database
from disclose.backup.archive import read_manifest
from disclose.records.models import Person, Role, Staff, Team

pytestmark = pytest.mark.django_db
fake = Faker("en_GB")


@pytest.fixture
def world(settings, tmp_path):
    """A small council: people, staff with roles, audit events and one document."""
    Faker.seed(7)
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    team = Team.objects.create(name="Assessment North")
    staff = []
    for code in ["scimt_officer", "social_worker"]:
        member = Staff.objects.create_user(
            username=fake.user_name(), last_name=fake.last_name(), team=team
        )
        member.roles.add(Role.objects.get(code=code))
        staff.append(member)
    for n in range(5):
        person = Person.objects.create(
            person_id=f"P{n}",
            forename=fake.first_name(),
            surname=fake.last_name(),
            dob=fake.date_of_birth(),
        )
        record_access(
            event_type="person_viewed", actor=staff[n % 2], person=person, request_reference="R-1"
        )
    record(event_type="note", actor=staff[0], detail={"text": "Ça va – “quotes”", "n": 1.25})
    (settings.DOCUMENTS_ROOT / "2026").mkdir(parents=True)
    (settings.DOCUMENTS_ROOT / "2026" / "letter.pdf").write_bytes(b"%PDF-1.4 synthetic\x00\xff")
    chain_waiting()
    return tmp_path


def _call(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _empty_everything(settings, tmp_path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DOCUMENTS_ROOT = tmp_path / "restored-documents"


def test_a_round_trip_brings_back_every_row_the_chain_and_the_documents(world, settings):
    archive = world / "backup.tar.gz"
    before = database.counts()
    _call("backup", str(archive))
    before["audit.auditevent"] += 1  # the backup itself is in the trail
    _empty_everything(settings, world)
    assert Person.objects.count() == 0 and AuditEvent.objects.count() == 0

    out = _call("restore", str(archive))

    assert "Counts match the backup" in out
    assert "Audit chain verified: 7 events" in out
    assert "Documents restored: 1 file." in out
    after = database.counts()
    after["audit.auditevent"] -= 1  # ... and so is the restore
    assert after == before
    assert verify().ok
    assert (
        settings.DOCUMENTS_ROOT / "2026" / "letter.pdf"
    ).read_bytes() == b"%PDF-1.4 synthetic\x00\xff"
    assert Staff.objects.get(roles__code="social_worker").team.name == "Assessment North"


def test_restore_refuses_a_database_that_already_holds_data(world):
    archive = world / "backup.tar.gz"
    _call("backup", str(archive))
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="The database already holds data"):
        _call("restore", str(archive))
    assert AuditEvent.objects.count() == events and Person.objects.count() == 5


def test_restore_refuses_a_documents_folder_that_is_not_empty(world, settings):
    archive = world / "backup.tar.gz"
    _call("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="documents folder .* is not empty"):
        _call("restore", str(archive))
    assert Person.objects.count() == 0


def test_a_restore_that_does_not_match_its_manifest_changes_nothing(world, settings, monkeypatch):
    archive = world / "backup.tar.gz"
    _call("backup", str(archive))
    _empty_everything(settings, world)
    real_counts = database.counts
    monkeypatch.setattr(database, "counts", lambda: {**real_counts(), "records.person": 4})
    with pytest.raises(CommandError, match="records.person: backup has 5, database has 4"):
        _call("restore", str(archive))
    assert Person.objects.count() == 0 and AuditEvent.objects.count() == 0
    assert not settings.DOCUMENTS_ROOT.exists()


def test_backup_will_not_overwrite_a_file(world):
    archive = world / "backup.tar.gz"
    archive.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"):
        _call("backup", str(archive))
    assert archive.read_text() == "keep me"


def test_restore_says_so_when_the_file_is_not_a_backup(world, settings):
    not_archive = world / "notes.txt"
    not_archive.write_text("hello")
    with pytest.raises(CommandError, match="is not a Disclose backup archive"):
        _call("restore", str(not_archive))


def test_the_archive_is_private_and_its_manifest_describes_it(world):
    archive = world / "backup.tar.gz"
    _call("backup", str(archive))
    manifest = read_manifest(archive)
    assert archive.stat().st_mode & 0o777 == 0o600
    assert manifest.counts["records.person"] == 5 and manifest.counts["records.staff_roles"] == 2
    assert manifest.audit_head == {"seq": 7, "hash": AuditEvent.objects.get(seq=7).hash}
    assert manifest.documents["files"] == 1 and manifest.disclose_version
    assert AuditEvent.objects.get(seq=7).event_type == "database_backup"
