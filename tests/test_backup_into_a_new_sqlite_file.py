"""A backup restores with the real command line into a brand-new SQLite database.

Run against PostgreSQL, this also shows the archive is portable between databases.
"""

import io
import os
import subprocess  # nosec B404 - runs our own command line, with fixed arguments
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from faker import Faker
from subprocesses import SUBPROCESS_SECONDS

from disclose.audit.log import record_access
from disclose.records.models import Person, Staff

pytestmark = pytest.mark.django_db


def _disclose(data_dir, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DISCLOSE_DATA_DIR": str(data_dir), "DISCLOSE_SECRET_KEY": "test-only"}
    # The same installation's keys: the backup's and the audit chain's.
    env |= {
        "DISCLOSE_BACKUP_KEY": settings.DISCLOSE_BACKUP_KEY,
        "DISCLOSE_AUDIT_KEY": settings.DISCLOSE_AUDIT_KEY,
    }
    env.pop("DISCLOSE_DOCUMENTS_DIR", None)
    return subprocess.run(  # noqa: S603  # nosec B603
        [sys.executable, "-m", "disclose.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_SECONDS,
        check=False,
    )


def test_a_backup_restores_into_a_new_sqlite_database_and_verifies(settings, tmp_path):
    fake = Faker("en_GB")
    Faker.seed(11)
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    settings.DOCUMENTS_ROOT.mkdir()
    (settings.DOCUMENTS_ROOT / "d1.txt").write_text("synthetic")
    worker = Staff.objects.create_user(username="worker", last_name=fake.last_name())
    for n in range(3):
        person = Person.objects.create(
            person_id=f"P{n}", forename=fake.first_name(), surname=fake.last_name()
        )
        record_access(
            event_type="person_viewed", actor=worker, person=person, request_reference="R-9"
        )
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    new = tmp_path / "new"
    assert _disclose(new, "migrate", "-v0").returncode == 0
    restored = _disclose(new, "restore", str(archive))

    assert restored.returncode == 0, restored.stderr
    assert "Counts match the backup" in restored.stdout
    assert "Audit chain verified: 4 events" in restored.stdout
    assert (new / "documents" / "d1.txt").read_text() == "synthetic"
    verified = _disclose(new, "audit", "verify")
    assert verified.returncode == 0 and "Audit chain verified: 5 events" in verified.stdout
