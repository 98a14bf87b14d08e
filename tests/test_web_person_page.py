"""The person page: asks which request first, logs every view, shows the record."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from test_web_personas import (  # noqa: F401
    lawyer_fixture,
    make_person,
    officer_fixture,
    open_request_about,
    open_request_fixture,
    person_fixture,
)

from disclose.audit.models import AuditEvent
from disclose.records.models import CPPlan, Episode, Holding, PersonName, Team

pytestmark = pytest.mark.django_db


def ref(request) -> dict:
    return {"request_reference": request.reference}


def test_the_page_asks_which_request_before_showing_anything(client, officer, person):
    client.force_login(officer)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert "Which request is this for?" in page
    assert "Jayden" not in page and "Smyth" not in page
    assert not AuditEvent.objects.filter(event_type="person_viewed").exists()


def test_a_blank_request_reference_is_asked_for_again(client, officer, person):
    client.force_login(officer)
    page = client.post(f"/persons/{person.pk}/", {"request_reference": ""}).content.decode()
    assert "Enter the request reference this is for" in page
    assert "Jayden" not in page


def test_viewing_a_person_logs_who_which_person_and_which_request(
    client, officer, person, open_request
):
    client.force_login(officer)
    client.post(f"/persons/{person.pk}/", ref(open_request))
    event = AuditEvent.objects.get(event_type="person_viewed")
    assert event.category == "access"
    assert event.actor == officer
    assert event.person_id == person.pk
    assert event.request_reference == open_request.reference


def test_the_page_shows_other_names_and_episodes(client, officer, person, open_request):
    client.force_login(officer)
    page = client.post(f"/persons/{person.pk}/", ref(open_request)).content.decode()
    assert "Jayden Smith" in page and "4 March 2010" in page
    assert "Jaden Smyth (alias)" in page
    assert "Closed" in page and "1 May 2016" in page
    assert "Bassetlaw Children&#x27;s Team 2 (team closed)" in page
    assert f"Request {open_request.reference}" in page


def test_legal_services_get_not_found_for_a_person(client, lawyer, person, open_request):
    client.force_login(lawyer)
    assert client.get(f"/persons/{person.pk}/").status_code == 404
    assert client.post(f"/persons/{person.pk}/", ref(open_request)).status_code == 404
    assert not AuditEvent.objects.filter(event_type="person_viewed").exists()


def test_a_person_who_does_not_exist_is_not_found(client, officer, open_request):
    client.force_login(officer)
    assert client.post("/persons/999999/", ref(open_request)).status_code == 404


def _give_a_long_history(person, n: int) -> None:
    team = Team.objects.create(team_id=f"T{person.pk}", name="Mansfield Team")
    for i in range(n):
        Episode.objects.create(
            referral_id=f"R{person.pk}-{i}",
            person=person,
            start=datetime.date(2000 + i, 1, 1),
            end=datetime.date(2000 + i, 6, 1),
            team=team,
        )
        CPPlan.objects.create(person=person, start=datetime.date(2000 + i, 2, 1))
        PersonName.objects.create(person=person, surname=f"Former{i}", name_type="former")
        Holding.objects.create(holding_id=f"H{person.pk}-{i}", person=person, kind="paper")


def test_the_page_takes_the_same_number_of_queries_however_long_the_record(client, officer):
    short, long = make_person("P10"), make_person("P11")
    _give_a_long_history(short, 1)
    _give_a_long_history(long, 8)
    both = ref(open_request_about(officer, short, long))
    client.force_login(officer)
    client.post(f"/persons/{short.pk}/", both)  # warm the session and the profile
    counts = []
    for someone in (short, long):
        with CaptureQueriesContext(connection) as queries:
            assert client.post(f"/persons/{someone.pk}/", both).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
