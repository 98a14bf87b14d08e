"""A first import builds indexes after the load and parses each file once (issue 11,
item 2), and stays all or nothing with the same reports."""

import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from disclose.records.importer import import_extract, run
from disclose.records.importer.fresh import BIG_TABLES
from disclose.records.models import Episode, Holding, Person, SearchKey
from disclose.records.search import search_persons

pytestmark = pytest.mark.django_db(transaction=True)
FIXTURE = Path(__file__).parent / "fixtures" / "small_extract"


def copy_extract(tmp_path: Path) -> Path:
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    return folder


def schema() -> dict:
    """Every index and constraint of the tables a first import builds after the load."""
    with connection.cursor() as cursor:
        return {
            model._meta.db_table: connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
            for model in BIG_TABLES
        }


def test_a_first_import_leaves_every_index_and_foreign_key_as_the_migrations_made_them(
    tmp_path,
):
    before = schema()
    report = import_extract(copy_extract(tmp_path), show_progress=False)
    assert report.ok and Person.objects.count() == 4
    assert schema() == before
    # The rows arrived whole and can be found.
    ruby = Person.objects.get(forename="Ruby")
    assert SearchKey.objects.filter(person=ruby).exists()
    assert search_persons(forename="Ruby", surname=ruby.surname, dob=ruby.dob)[0].person == ruby


def test_a_load_that_fails_part_way_loads_nothing_and_keeps_the_indexes(tmp_path, monkeypatch):
    before = schema()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    # Persons are in by then, with their indexes dropped.
    monkeypatch.setattr(run, "load_cases", fail)
    with pytest.raises(RuntimeError):
        import_extract(copy_extract(tmp_path), show_progress=False)
    assert (Person.objects.count(), Episode.objects.count()) == (0, 0)
    assert schema() == before


def test_a_bad_row_in_the_last_file_is_reported_as_before_and_nothing_is_kept(
    tmp_path, monkeypatch
):
    spools = tmp_path / "tmp"
    spools.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spools))
    folder = copy_extract(tmp_path)
    holdings = folder / "disclose_holdings.csv"
    lines = holdings.read_text().splitlines()
    holdings.write_text("\n".join([*lines, "H99,P9,paper,Basement,BOX 1"]) + "\n")
    report = import_extract(folder, show_progress=False)
    assert [str(p) for p in report.problems] == [
        f"disclose_holdings.csv:{len(lines) + 1}: person_id: there is no person 'P9' in "
        "ssd_person.csv"
    ]
    assert (Person.objects.count(), Holding.objects.count()) == (0, 0)
    # The parsed rows kept for the load are gone with it.
    assert list(spools.iterdir()) == []
    assert import_extract(copy_extract(tmp_path / "again"), show_progress=False).ok
    assert list(spools.iterdir()) == []


def test_repeated_rows_are_found_by_key_as_before(tmp_path):
    """An exact repeat loads once; a repeat that differs names the first line;
    a staff id used twice names the line it is first on."""
    from disclose.records.models import Address

    folder = copy_extract(tmp_path)
    addresses = folder / "ssd_address.csv"
    first = addresses.read_text().splitlines()[1]
    with addresses.open("a") as more:
        more.write(first + "\n")  # line 4: the same again
    report = import_extract(folder, show_progress=False)
    assert report.ok and Address.objects.filter(person__person_id="P1").count() == 1

    folder = copy_extract(tmp_path / "two")
    with (folder / "ssd_address.csv").open("a") as more:
        more.write(first.removesuffix(",") + ",2011-01-01\n")  # line 4: now ended
    with (folder / "ssd_professionals.csv").open("a") as more:
        more.write("599,sasha.worker,Sasha Again,Social Worker,T1\n")  # line 7
    problems = [str(p) for p in import_extract(folder, show_progress=False).problems]
    assert problems[0] == (
        "ssd_professionals.csv:7: prof_staff_id: 'sasha.worker' is also on line 2; it must be unique"
    )
    assert problems[-1] == (
        "ssd_address.csv:4: addr_address_start_date: this repeats line 2 with different "
        "values; keep one of the two rows"
    )
