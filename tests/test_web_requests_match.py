"""Matching a subject: the search is filled in from the request and logged
against it; "This is the person" and "Not known" each record the match."""

from datetime import date

import pytest
from casework_factories import build_office, make_person, make_staff, receive

from disclose.audit.models import AuditEvent
from disclose.records.models import Person
from disclose.records.search import reindex_persons

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def case(office):
    person = make_person(forename="Ellie", surname="Barker", dob=date(2012, 7, 9))
    reindex_persons([person.pk])
    return receive(office, person)


def test_the_search_is_filled_in_from_what_the_requestor_gave(client, office, case):
    client.force_login(office.scimt)
    page = client.get(f"/requests/{case.reference}/subjects/1/match/").content.decode()
    assert 'value="Ellie"' in page and 'value="Barker"' in page and 'value="2012"' in page
    assert not AuditEvent.objects.filter(event_type="person_search").exists()


def test_a_search_is_logged_against_the_request_and_offers_this_is_the_person(client, office, case):
    client.force_login(office.scimt)
    data = {"search": "1", "forename": "Elly", "surname": "Barker"}
    data |= {"dob_day": "9", "dob_month": "7", "dob_year": "2012"}
    page = client.post(f"/requests/{case.reference}/subjects/1/match/", data).content.decode()
    assert "Ellie Barker" in page and "This is the person" in page
    event = AuditEvent.objects.get(event_type="person_search")
    assert event.request_reference == case.reference and event.actor == office.scimt


def test_this_is_the_person_matches_the_subject(client, office, case):
    person = Person.objects.get(surname="Barker")
    client.force_login(office.scimt)
    response = client.post(
        f"/requests/{case.reference}/subjects/1/match/", {"person": person.pk}, follow=True
    )
    assert "Subject 1 matched to Ellie Barker" in response.content.decode()
    subject = case.subjects.get()
    assert subject.matched and subject.person == person


def test_not_known_records_that_the_subject_is_not_known(client, office, case):
    client.force_login(office.scimt)
    response = client.post(
        f"/requests/{case.reference}/subjects/1/match/", {"person": "not_known"}, follow=True
    )
    assert "recorded as not known to children" in response.content.decode()
    subject = case.subjects.get()
    assert subject.matched and subject.person is None


def test_someone_who_may_see_but_not_match_is_told_why_and_offered_no_search(client, office, case):
    auditor = make_staff("ig1", "information_governance")
    client.force_login(auditor)
    page = client.get(f"/requests/{case.reference}/subjects/1/match/").content.decode()
    assert "Your role does not allow this step." in page
    assert 'name="search"' not in page and "Not known to children" not in page
    response = client.post(f"/requests/{case.reference}/subjects/1/match/", {"person": "not_known"})
    assert "Your role does not allow this step." in response.content.decode()
    assert not case.subjects.get().matched
