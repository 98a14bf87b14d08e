"""A large extract is written in batches as it is read (issue 11): every row
arrives, with its dates, and a second import of it changes nothing."""

import shutil
from pathlib import Path

import pytest
from django.db import connection

from disclose.records.importer import import_extract, upsert
from disclose.records.models import Contact, Person, SearchKey
from disclose.records.search import index, search_persons

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "small_extract"


def test_rows_written_in_many_small_batches_all_arrive(tmp_path, monkeypatch):
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    monkeypatch.setattr(upsert, "BATCH", 2)
    monkeypatch.setattr(index, "BATCH", 2)
    report = import_extract(folder, show_progress=False)
    assert report.ok
    assert Person.objects.count() == report.counts["persons"].created == 4
    assert Contact.objects.count() == report.counts["contacts"].created
    ruby = Person.objects.get(forename="Ruby")
    assert ruby.dob is not None
    # The key index was dropped for the first import's keys and built again.
    assert SearchKey.objects.filter(person=ruby).exists()
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, SearchKey._meta.db_table)
    assert "searchkey_code_lookup" in indexes
    assert search_persons(forename="Ruby", surname=ruby.surname, dob=ruby.dob)[0].person == ruby

    again = import_extract(folder, show_progress=False)
    assert again.ok and again.totals().created == again.totals().updated == 0
