"""The demo extract: a synthetic county in the SSD shape, the same for the same seed."""

import csv
from datetime import date
from pathlib import Path

import pytest

from disclose.records.demo import generate_extract
from disclose.records.importer import import_extract
from disclose.records.importer.fields import nhs_number
from disclose.records.models import Episode, Holding, Locality, Person, PersonName, Team

AS_OF = date(2026, 11, 2)


def rows(folder: Path, name: str) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_same_seed_gives_the_same_files_and_another_seed_does_not(tmp_path):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        generate_extract(tmp_path / name, 150, seed=seed, as_of=AS_OF)
    a, b, c = (tmp_path / n / "ssd_person.csv" for n in "abc")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    assert (tmp_path / "a" / "ssd_involvements.csv").read_bytes() == (
        tmp_path / "b" / "ssd_involvements.csv"
    ).read_bytes()


def test_it_writes_exactly_the_people_asked_for_with_valid_nhs_numbers(tmp_path):
    counts = generate_extract(tmp_path, 400, seed=3, as_of=AS_OF)
    people = rows(tmp_path, "ssd_person.csv")
    assert counts["ssd_person.csv"] == len(people) == 400
    numbers = [p["pers_common_child_id"] for p in people if p["pers_common_child_id"]]
    assert len(numbers) > 200 and len(set(numbers)) == len(numbers)
    assert all(nhs_number(n) == n for n in numbers)  # raises on a bad check digit


def test_it_holds_the_mistakes_real_records_have(tmp_path):
    generate_extract(tmp_path, 3000, seed=5, as_of=AS_OF)
    people = rows(tmp_path, "ssd_person.csv")
    by_surname: dict[str, list[dict]] = {}
    for person in people:
        by_surname.setdefault(person["pers_surname"], []).append(person)
    # A secondary record: a child recorded again with the day and month of birth swapped.
    births = {(p["pers_forename"], p["pers_dob"]) for p in people}
    swapped = [
        p
        for p in people
        if p["pers_dob"][8:] <= "12"
        and p["pers_dob"][5:7] != p["pers_dob"][8:]
        and any(
            (f, f"{p['pers_dob'][:4]}-{p['pers_dob'][8:]}-{p['pers_dob'][5:7]}") in births
            for f in (p["pers_forename"],)
        )
    ]
    assert swapped, "expected some secondary records with day and month swapped"
    kinds = {r["name_type"] for r in rows(tmp_path, "disclose_person_names.csv")}
    assert kinds == {"former", "alias", "known_as"}
    assert any("-" in p["pers_surname"] for p in people)


@pytest.mark.django_db
def test_the_demo_extract_imports_as_a_county_with_districts_teams_and_history(tmp_path):
    generate_extract(tmp_path, 1500, seed=11, as_of=AS_OF)
    report = import_extract(tmp_path, show_progress=False)
    assert report.ok, report.problems[:5]
    assert Person.objects.count() == 1500
    assert set(Locality.objects.values_list("name", flat=True)) == {
        "Ashfield",
        "Bassetlaw",
        "Broxtowe",
        "Gedling",
        "Mansfield",
        "Newark and Sherwood",
        "Rushcliffe",
    }
    for locality in Locality.objects.all():
        assert Team.objects.filter(kind="dcpt", locality=locality, csm__isnull=False).exists()
    assert Team.objects.filter(kind="mash").count() == 1
    assert Team.objects.filter(active=False, closed_on__isnull=False).count() == 7
    assert Episode.objects.filter(end__isnull=True, worker__isnull=False).exists()
    assert Episode.objects.filter(end__isnull=True, worker__isnull=True).exists()
    assert Episode.objects.filter(end__year__lt=2000).exists()  # thirty years of history
    assert Person.objects.filter(episodes=None, contacts__isnull=False).exists()  # MASH only
    assert Person.objects.filter(cp_plans__isnull=False).exists()
    assert PersonName.objects.filter(name_type="former").exists()
    places = set(Holding.objects.values_list("kind", "location"))
    assert places == {
        ("paper", "Records Management Service"),
        ("microfilm", "Solutions4Data, County Hall"),
    }
