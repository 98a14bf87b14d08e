"""reindex_persons keeps the search keys in step with the records, in bulk."""

from datetime import date

import pytest

from disclose.records.models import Person, PersonName, SearchKey
from disclose.records.search import index, search_persons
from disclose.records.search.keys import code
from disclose.records.search.synthetic import make_person

pytestmark = pytest.mark.django_db

DOB = date(2010, 3, 4)


def test_reindexing_twice_writes_the_same_keys_and_no_duplicates():
    person = make_person("Jayden", "Smith", DOB, nhs_number="943 476 5919")
    first = set(SearchKey.objects.values_list("key", flat=True))
    written = index.reindex_persons([person.pk, person.pk])
    assert set(SearchKey.objects.values_list("key", flat=True)) == first
    assert SearchKey.objects.count() == written == len(first)


def test_a_changed_name_is_found_only_after_reindexing():
    person = make_person("Jayden", "Smith", DOB)
    Person.objects.filter(pk=person.pk).update(surname="Clarke")
    PersonName.objects.create(person=person, surname="Smith", name_type="former")
    assert search_persons(forename="Jayden", surname="Clarke") == []
    index.reindex_persons([person.pk])
    match = search_persons(forename="Jayden", surname="Clarke")[0]
    assert match.person == person
    assert search_persons(forename="Jayden", surname="Smith")[0].reasons[0] == "Former name Smith"


def test_many_persons_are_indexed_in_batches(monkeypatch):
    monkeypatch.setattr(index, "BATCH", 3)
    people = [make_person(f"Child{n}", "Smith", DOB) for n in range(7)]
    SearchKey.objects.all().delete()
    index.reindex_persons(p.pk for p in people)
    assert SearchKey.objects.filter(key=code("d", DOB.isoformat())).count() == 7
    assert len(search_persons(surname="Smith", dob=DOB)) == 7


def test_ids_of_deleted_persons_are_skipped():
    person = make_person("Jayden", "Smith", DOB)
    assert index.reindex_persons([person.pk, 999_999]) > 0


def test_keys_are_integers_and_few_per_person():
    person = make_person("Jayden", "Smith", DOB, nhs_number="943 476 5919")
    keys = list(SearchKey.objects.filter(person=person).values_list("key", flat=True))
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)
    # n, d, s, sf, si, fi, sd, fd: one each for a name with one sound and one form.
    assert len(keys) == 8


@pytest.mark.only_on("postgresql", reason="SQLite keeps no estimate of distinct values")
def test_postgresql_is_told_that_most_search_keys_are_held_by_few_people():
    """PostgreSQL's own estimate, from a sample, was 76,000 different keys at
    10M people (there are millions): it expected a thousand rows under each
    key and started parallel workers that cost a search 6 ms (migration
    records 0008). The estimate given must outlast a fresh ANALYZE."""
    from django.db import connection

    make_person("Jayden", "Smith", DOB)
    make_person("Amelia", "Khan", date(2012, 7, 1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE records_searchkey")
        cursor.execute(
            "SELECT n_distinct FROM pg_stats "
            "WHERE tablename = 'records_searchkey' AND attname = 'key'"
        )
        assert cursor.fetchone()[0] == -0.25
