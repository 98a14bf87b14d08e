"""The person search page: for a request, by POST, only for roles that need the records."""

import sys
import types
from dataclasses import dataclass

import pytest
from test_web_personas import lawyer_fixture, officer_fixture, person_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@dataclass
class Match:
    person: object
    score: float
    reasons: list


@pytest.fixture
def searched(monkeypatch, person) -> list[dict]:
    """Stand in for records.search, so these tests prove the page, not the ranking."""
    calls: list[dict] = []

    def search_and_log(**kwargs):
        calls.append(kwargs)
        return [Match(person, 0.93, ["Former name Jaden Smyth", "Date of birth matches"])]

    fake = types.ModuleType("disclose.records.search")
    fake.search_and_log = search_and_log
    monkeypatch.setitem(sys.modules, "disclose.records.search", fake)
    return calls


def search_form(**changes) -> dict:
    data = {
        "request_reference": "REQ-2026-0001",
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
    page = client.post("/persons/search/", search_form(request_reference="")).content.decode()
    assert "Enter the request reference this is for" in page
    assert "govuk-error-summary" in page
    assert searched == []


def test_a_search_shows_ranked_results_with_why_they_matched(client, officer, searched, person):
    client.force_login(officer)
    page = client.post("/persons/search/", search_form()).content.decode()
    assert "1 possible match" in page
    assert "Jayden Smith" in page and "4 March 2010" in page
    assert "Former name Jaden Smyth" in page and "93%" in page
    assert f'action="/persons/{person.pk}/"' in page
    assert 'name="request_reference" value="REQ-2026-0001"' in page


def test_the_search_is_run_for_the_officer_and_the_request(client, officer, searched):
    client.force_login(officer)
    client.post("/persons/search/", search_form(nhs_number="485 777 3456"))
    (call,) = searched
    assert call["actor"] == officer
    assert call["request_reference"] == "REQ-2026-0001"
    assert call["surname"] == "Smyth" and call["forename"] == "Jaden"
    assert str(call["dob"]) == "2010-03-04"
    assert call["nhs_number"] == "4857773456"


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
        ({"request_reference": "REQ 1; DROP"}, "Request reference must only include letters"),
    ],
)
def test_a_search_with_a_mistake_says_what_to_fix(client, officer, searched, changes, message):
    client.force_login(officer)
    page = client.post("/persons/search/", search_form(**changes)).content.decode()
    assert message in page
    assert searched == []


def test_a_role_without_records_work_may_not_search(client, lawyer, searched):
    client.force_login(lawyer)
    assert client.get("/persons/search/").status_code == 403
    assert client.post("/persons/search/", search_form()).status_code == 403
    assert searched == []
