"""An extract with bad rows loads nothing; the corrected one loads once (issue 2)."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from disclose.audit.models import AuditEvent
from disclose.records.models import Episode, Person, Staff, Team

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "small_extract"


def copy_extract(tmp_path: Path) -> Path:
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    return folder


def run_import(folder: Path, *args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_records", str(folder), *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as stop:
        code = stop.code
    return code, out.getvalue(), err.getvalue()


def break_extract(folder: Path) -> None:
    persons = folder / "ssd_person.csv"
    persons.write_text(persons.read_text().replace("2012-07-21", "2012-07-32"))
    with (folder / "ssd_cin_episodes.csv").open("a") as episodes:
        episodes.write("E9,P9,2020-01-01,,,T1,501\n")


def test_it_names_each_bad_row_by_file_and_line_and_loads_nothing(tmp_path):
    folder = copy_extract(tmp_path)
    break_extract(folder)
    code, out, err = run_import(folder)
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[:2] == [
        "ssd_person.csv:3: pers_dob: '2012-07-32' is not a real date",
        "ssd_cin_episodes.csv:5: cine_person_id: there is no person 'P9' in ssd_person.csv",
    ]
    assert "Nothing was imported: 2 problems found" in lines[2]
    assert len(lines) == 3
    assert (Person.objects.count(), Episode.objects.count()) == (0, 0)
    assert (Team.objects.count(), Staff.objects.count()) == (0, 0)
    assert not AuditEvent.objects.filter(event_type="records_imported").exists()


def test_the_corrected_extract_loads_and_loading_it_again_changes_nothing(tmp_path):
    folder = copy_extract(tmp_path)
    break_extract(folder)
    assert run_import(folder)[0] == 1
    shutil.rmtree(folder)
    folder = copy_extract(tmp_path)

    code, out, _err = run_import(folder)
    assert code == 0
    assert Person.objects.count() == 4 and Episode.objects.count() == 3
    first = snapshot()

    code, out, _err = run_import(folder)
    assert code == 0
    assert snapshot() == first
    assert "Nothing changed: all" in out
    persons_line = next(line for line in out.splitlines() if line.startswith("persons"))
    assert persons_line.split()[1:] == ["0", "0", "4", "0"]
    assert AuditEvent.objects.filter(event_type="records_imported").count() == 2


def snapshot() -> dict:
    """Every row the import writes, as values, so any change shows."""
    from disclose.records import models

    tables = (
        "Person",
        "PersonName",
        "Identifier",
        "Address",
        "Episode",
        "Involvement",
        "CPPlan",
        "Contact",
        "Holding",
        "Team",
        "Locality",
    )
    found = {name: sorted(map(str, getattr(models, name).objects.values_list())) for name in tables}
    found["Staff"] = sorted(
        map(
            str,
            Staff.objects.values_list(
                "id",
                "username",
                "password",
                "staff_id",
                "first_name",
                "last_name",
                "team_id",
                "roles",
            ),
        )
    )
    return found
