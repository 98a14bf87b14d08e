"""The problems an import names, each with file, line and column."""

import shutil
from pathlib import Path

import pytest

from disclose.records.importer import import_extract
from disclose.records.models import Person

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "small_extract"


@pytest.fixture
def extract(tmp_path) -> Path:
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def problems(folder: Path) -> list[str]:
    report = import_extract(folder, show_progress=False)
    assert Person.objects.count() == 0
    return [str(p) for p in report.problems]


def test_it_refuses_a_worker_in_a_team_the_extract_does_not_have(extract):
    edit(extract / "ssd_professionals.csv", "Social Worker,T1", "Social Worker,T7")
    assert problems(extract) == [
        "ssd_professionals.csv:2: prof_professional_department: "
        "there is no team 'T7' in ssd_department.csv"
    ]


def test_it_refuses_an_allocation_to_an_unknown_worker_and_a_misdated_end(extract):
    edit(extract / "ssd_involvements.csv", "P3,E3,502", "P3,E3,599")
    edit(extract / "ssd_cp_plans.csv", "2015-03-01", "2013-03-01")
    assert problems(extract) == [
        "ssd_involvements.csv:6: invo_professional_id: "
        "there is no worker '599' in ssd_professionals.csv",
        "ssd_cp_plans.csv:2: cppl_cp_plan_end_date: "
        "the end date 2013-03-01 is before the start date 2014-03-01",
    ]


def test_it_refuses_a_repeated_person_id_and_a_wrong_nhs_number(extract):
    with (extract / "ssd_person.csv").open("a") as persons:
        persons.write("P1,Jay,Smith,2010-03-04,M,,\n")
    edit(extract / "ssd_person.csv", "9434765919", "9434765918")
    found = problems(extract)
    assert found[0] == (
        "ssd_person.csv:2: pers_common_child_id: '9434765918' is not a valid "
        "NHS number: the check digit is wrong"
    )
    assert found[1].startswith("ssd_person.csv:6: pers_person_id: this repeats line 2")


def test_it_names_a_missing_column_on_the_header_line(extract):
    edit(extract / "ssd_contacts.csv", "cont_contact_date,", "contact_date,")
    assert problems(extract) == ["ssd_contacts.csv:1: cont_contact_date: this column is missing"]


def test_it_refuses_a_date_in_another_format(extract):
    edit(extract / "ssd_cin_episodes.csv", "2014-01-01,2016-05-01", "01/01/2014,2016-05-01")
    assert problems(extract) == [
        "ssd_cin_episodes.csv:2: cine_referral_date: '01/01/2014' is not a date in the form "
        "YYYY-MM-DD, for example 2010-03-04"
    ]
