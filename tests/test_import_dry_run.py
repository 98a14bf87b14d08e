"""`--dry-run` checks and reports what would change, and saves nothing."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from disclose.audit.models import AuditEvent
from disclose.records.models import Person, Staff, Team

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "small_extract"


def test_a_dry_run_reports_what_would_be_created_and_saves_nothing(tmp_path):
    out = StringIO()
    call_command("import_records", str(FIXTURE), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Dry run: nothing was saved" in text
    persons_line = next(line for line in text.splitlines() if line.startswith("persons"))
    assert persons_line.split()[1:] == ["4", "0", "0", "0"]
    assert (Person.objects.count(), Team.objects.count(), Staff.objects.count()) == (0, 0, 0)
    assert not AuditEvent.objects.exists()


def test_a_dry_run_of_a_bad_extract_lists_the_problems_and_fails(tmp_path):
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    holdings = folder / "disclose_holdings.csv"
    holdings.write_text(holdings.read_text().replace(",paper,", ",papyrus,"))
    err = StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("import_records", str(folder), "--dry-run", stdout=StringIO(), stderr=err)
    assert stop.value.code == 1
    assert "disclose_holdings.csv:2: kind: 'papyrus' should be one of: paper, microfilm" in (
        err.getvalue()
    )
