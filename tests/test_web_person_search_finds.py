"""The search page with the real search behind it: a misspelt former name still finds the person."""

import pytest
from test_web_personas import (  # noqa: F401
    officer_fixture,
    open_request_fixture,
    person_fixture,
)

from disclose.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
search = pytest.importorskip("disclose.records.search")


def test_a_misspelt_alias_and_the_date_of_birth_find_the_person(
    client, officer, person, open_request
):
    search.reindex_persons([person.pk])
    client.force_login(officer)
    page = client.post(
        "/persons/search/",
        {
            "request_reference": open_request.reference,
            "forename": "Jaden",
            "surname": "Smythe",
            "dob_day": "4",
            "dob_month": "3",
            "dob_year": "2010",
        },
    ).content.decode()
    assert "Jayden Smith" in page
    assert f'action="/persons/{person.pk}/"' in page
    event = AuditEvent.objects.get(event_type="person_search")
    assert event.actor == officer and event.request_reference == open_request.reference


def test_each_result_shows_the_case_status_last_team_and_whether_it_still_exists(
    client, officer, person, open_request
):
    search.reindex_persons([person.pk])
    client.force_login(officer)
    page = client.post(
        "/persons/search/",
        {
            "request_reference": open_request.reference,
            "forename": "Jayden",
            "surname": "Smith",
        },
    ).content.decode()
    row = page[page.index("Jayden Smith") :]
    assert "Closed 1 May 2016" in row
    assert "Bassetlaw Children&#x27;s Team 2" in row and "Team no longer exists" in row
