"""Who accessed person X; what did user Y access (issue 6, point 3)."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from faker import Faker

from disclose.audit import reports
from disclose.audit.log import record, record_access
from disclose.audit.sequencer import chain_waiting
from disclose.records.models import Person, Staff

pytestmark = pytest.mark.django_db
fake = Faker("en_GB")


@pytest.fixture
def world():
    Faker.seed(6)
    child = Person.objects.create(person_id="P100", forename=fake.first_name(), surname="Oyelaran")
    other = Person.objects.create(person_id="P200", forename=fake.first_name(), surname="Bramley")
    ann = Staff.objects.create_user(username="ann", first_name="Ann", last_name=fake.last_name())
    bob = Staff.objects.create_user(username="bob", first_name="Bob", last_name=fake.last_name())
    record_access(event_type="person_viewed", actor=ann, person=child, request_reference="R-1")
    record_access(
        event_type="person_search",
        actor=bob,
        request_reference="R-2",
        detail={"query": {"surname": "Oyel"}, "results": [child.pk, other.pk]},
    )
    record_access(event_type="person_viewed", actor=bob, person=other, request_reference="R-2")
    record(event_type="disclosure_approved", actor=ann, person=child, request_reference="R-1")
    chain_waiting()
    return child, other, ann, bob


def _run(*args) -> str:
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


def test_the_person_report_lists_views_changes_and_searches_that_found_them(world):
    child, *_ = world
    rows = reports.person_trail(person=child)
    assert [(r.seq, r.username, r.what, r.request_reference) for r in rows] == [
        (1, "ann", "Viewed the record", "R-1"),
        (2, "bob", "Found in a search", "R-2"),
        (4, "ann", "Disclosure approved", "R-1"),
    ]


def test_the_person_report_leaves_out_other_people(world):
    _, other, *_ = world
    assert [r.seq for r in reports.person_trail(person=other)] == [2, 3]


def test_the_user_report_lists_what_they_looked_at(world):
    *_, bob = world
    out = _run("user", "bob")
    assert f"Audit trail for {bob.display_name} (bob): 2 events" in out
    assert "Searched the records: 2 found" in out
    assert "P200 " in out and "R-2" in out
    assert "P100" not in out


def test_the_person_report_prints_a_table_with_who_and_which_request(world):
    child, _, ann, _ = world
    out = _run("person", "P100")
    assert out.splitlines()[0] == f"Audit trail for P100 {child.full_name}: 3 events"
    assert out.splitlines()[1].split() == ["Seq", "When", "Who", "What", "Request"]
    assert f"{ann.display_name} (ann)" in out


def test_since_leaves_out_older_events(world):
    later = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert "0 events" in _run("person", "P100", "--since", later)
    assert "3 events" in _run("person", "P100", "--since", timezone.localdate().isoformat())


def test_csv_has_one_row_per_event_and_the_detail(world):
    rows = list(csv.DictReader(io.StringIO(_run("user", "bob", "--csv"))))
    assert [r["seq"] for r in rows] == ["2", "3"]
    assert '"results"' in rows[0]["detail"] and rows[1]["person_id"] == "P200"


def test_csv_cells_cannot_start_a_spreadsheet_formula(world):
    Person.objects.filter(person_id="P100").update(forename="=HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(_run("person", "P100", "--csv"))))
    assert rows[0]["person_name"] == "'=HYPERLINK(1) Oyelaran"


def test_an_unknown_person_or_user_is_a_clear_error(world):
    with pytest.raises(CommandError, match="No person has the id P999"):
        _run("person", "P999")
    with pytest.raises(CommandError, match="No member of staff has the username zed"):
        _run("user", "zed")
    with pytest.raises(CommandError, match="Enter --since as a date like"):
        _run("person", "P100", "--since", "last week")


def test_a_person_since_removed_still_shows_in_the_user_report(world):
    _, other, _, bob = world
    pk = other.pk
    other.delete()  # as the retention purge will: the events stay
    rows = reports.user_trail(user=bob)
    assert rows[1].person_id == f"(removed, #{pk})" and rows[1].what == "Viewed the record"


def test_an_event_not_yet_chained_shows_as_waiting(world):
    child, _, ann, _ = world
    record_access(event_type="person_viewed", actor=ann, person=child, request_reference="R-3")
    rows = reports.person_trail(person=child)
    assert rows[-1].seq is None and rows[-1].request_reference == "R-3"
    assert "waiting" in _run("person", "P100").splitlines()[-1]
