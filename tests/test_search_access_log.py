"""Every search and every view of a person writes an access-log entry: who, when,
which person, for which request (DESIGN.md, audit/)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from disclose.audit.log import verify
from disclose.audit.models import AuditEvent
from disclose.records.models import Staff
from disclose.records.search import log_person_view, search_and_log, search_persons
from disclose.records.search.synthetic import make_person

pytestmark = pytest.mark.django_db

DOB = date(2010, 3, 4)


@pytest.fixture
def officer():
    return Staff.objects.create_user(username="officer", password="a long test password")


def test_a_search_records_who_searched_for_what_and_whom_it_found(officer):
    jayden = make_person("Jayden", "Smith", DOB)
    before = timezone.now()
    matches = search_and_log(
        actor=officer, request_reference="REQ-2026-0001", forename="Jaden", surname="Smith", dob=DOB
    )
    assert [m.person for m in matches] == [jayden]
    event = AuditEvent.objects.get(event_type="person_search")
    assert event.actor == officer
    assert event.category == AuditEvent.Category.ACCESS
    assert event.request_reference == "REQ-2026-0001"
    assert before <= event.at <= timezone.now() + timedelta(seconds=1)
    assert event.detail["query"] == {
        "forename": "Jaden",
        "surname": "Smith",
        "dob": "2010-03-04",
        "nhs_number": "",
    }
    assert event.detail["results"] == [jayden.pk]
    assert verify().ok


def test_a_search_that_finds_nobody_is_still_recorded(officer):
    assert search_and_log(actor=officer, request_reference="REQ-2026-0002", surname="Nobody") == []
    event = AuditEvent.objects.get(event_type="person_search")
    assert event.detail["results"] == [] and event.detail["query"]["surname"] == "Nobody"


def test_viewing_a_person_records_who_looked_at_whom_for_which_request(officer):
    person = make_person("Katie", "Brown", DOB)
    log_person_view(actor=officer, person=person, request_reference="REQ-2026-0003")
    event = AuditEvent.objects.get(event_type="person_viewed")
    assert (event.actor, event.person_id, event.request_reference) == (
        officer,
        person.pk,
        "REQ-2026-0003",
    )
    assert event.category == AuditEvent.Category.ACCESS


def test_the_plain_search_writes_nothing_to_the_log():
    make_person("Katie", "Brown", DOB)
    assert search_persons(surname="Brown")
    assert not AuditEvent.objects.exists()
