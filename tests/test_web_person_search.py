"""The person search page: for a request, by POST, only for roles that need the records."""

import pytest
from test_web_personas import (  # noqa: F401
    lawyer_fixture,
    officer_fixture,
    open_request_fixture,
    person_fixture,
)

from disclose.audit.models import AuditEvent
from disclose.records.search import reindex_persons

pytestmark = pytest.mark.django_db


@pytest.fixture
def searched(person):
    """The searches recorded: the real search, over Jayden's indexed record."""
    reindex_persons([person.pk])
    return AuditEvent.objects.filter(event_type="person_search")


def search_form(**changes) -> dict:
    data = {
        "request_reference": changes.pop("reference"),
        "forename": "Jaden",
        "surname": "Smyth",
        "dob_day": "4",
        "dob_month": "3",
        "dob_year": "2010",
        "nhs_number": "",
    }
    data.update(changes)
    return data


def test_a_search_without_a_request_reference_is_refused(client, officer, searched):
    client.force_login(officer)
    page = client.post("/persons/search/", search_form(reference="")).content.decode()
    assert "Enter the request reference this is for" in page
    assert "govuk-error-summary" in page
    assert not searched.exists()


def test_a_search_shows_ranked_results_with_why_they_matched(
    client, officer, searched, person, open_request
):
    client.force_login(officer)
    page = client.post("/persons/search/", search_form(reference=open_request.reference))
    page = page.content.decode()
    assert "1 possible match" in page
    assert "Jayden Smith" in page and "4 March 2010" in page
    assert "Jaden Smyth" in page and "%" in page  # why it matched: the former name
    assert f'action="/persons/{person.pk}/"' in page
    assert f'name="request_reference" value="{open_request.reference}"' in page


def test_the_search_is_recorded_for_the_officer_and_the_request(
    client, officer, searched, open_request
):
    client.force_login(officer)
    client.post(
        "/persons/search/",
        search_form(reference=open_request.reference, nhs_number="485 777 3456"),
    )
    (event,) = searched
    assert event.actor == officer
    assert event.request_reference == open_request.reference
    assert event.detail["query"] == {
        "forename": "Jaden",
        "surname": "Smyth",
        "dob": "2010-03-04",
        "nhs_number": "4857773456",
    }


def test_the_form_posts_so_no_names_go_in_the_address(client, officer):
    client.force_login(officer)
    page = client.get("/persons/search/").content.decode()
    assert '<form method="post" action="/persons/search/"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"dob_day": "31", "dob_month": "2"}, "Date of birth must be a real date"),
        ({"dob_month": ""}, "Date of birth must include a month"),
        (
            {"surname": "", "dob_day": "", "dob_month": "", "dob_year": ""},
            "Enter a last name, a date of birth or an NHS number",
        ),
        ({"nhs_number": "12345"}, "NHS number must be 10 digits"),
        ({"reference": "REQ 1; DROP"}, "Request reference must only include letters"),
    ],
)
def test_a_search_with_a_mistake_says_what_to_fix(
    client, officer, searched, open_request, changes, message
):
    client.force_login(officer)
    changes.setdefault("reference", open_request.reference)
    page = client.post("/persons/search/", search_form(**changes)).content.decode()
    assert message in page
    assert not searched.exists()


def test_a_role_without_records_work_may_not_search(client, lawyer, searched, open_request):
    client.force_login(lawyer)
    assert client.get("/persons/search/").status_code == 403
    form = search_form(reference=open_request.reference)
    assert client.post("/persons/search/", form).status_code == 403
    assert not searched.exists()
