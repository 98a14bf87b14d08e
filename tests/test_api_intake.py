"""Logging a request through the API: the intake form's checks and messages,
its duplicate warning, its scope rules; a SCIMT officer signed in or a token
with `log_requests`, nobody else."""

import pytest
from api_client import StaffClient, TokenClient, token_for
from casework_factories import make_staff

from disclose.casework.models import Request

pytestmark = pytest.mark.django_db

GOOD = {
    "channel": "email",
    "kind": "information",
    "requestor_name": "DS Ada Lovelace",
    "requestor_agency": "police",
    "requestor_email": "ada.lovelace@police.example",
    "consent": True,
    "details": "Any child protection involvement, for a strategy meeting.",
    "subjects": [{"forename": "Jamie", "surname": "Hollis", "dob": "2015-04-02"}],
}


@pytest.fixture(name="portal")
def portal_fixture() -> TokenClient:
    return TokenClient(token_for("log_requests"))


def test_bad_answers_get_the_intake_forms_messages_and_log_nothing(portal):
    cases = [
        ({"requestor_name": "  "}, "requestor_name", "Enter the requestor's name"),
        ({"details": ""}, "details", "Enter what they are asking for and why"),
        ({"requestor_email": "ada at police"}, "requestor_email", "correct format"),
        (
            {"subjects": [{"forename": "", "surname": "", "dob": "2015-04-02"}]},
            "subjects.0.forename",
            "Enter person 1's name",
        ),
        (
            {"subjects": [{"forename": "Jamie", "dob": "2099-01-01"}]},
            "subjects.0.dob",
            "date of birth",
        ),
        ({"received": "1899-01-01"}, "received", "Date received"),
    ]
    for change, field, words in cases:
        response = portal.post("/requests", GOOD | change)
        assert response.status_code == 422, change
        problem = response.json()["problems"][0]
        assert problem["field"] == field and words in problem["message"], response.json()
    assert not Request.objects.exists()


def test_a_value_outside_the_lists_is_refused_by_the_document(portal):
    response = portal.post("/requests", GOOD | {"requestor_agency": "mi5"})
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert response.json()["problems"][0]["field"] == "requestor_agency"


def test_the_same_request_again_is_refused_until_confirmed(portal):
    first = portal.post("/requests", GOOD)
    again = portal.post("/requests", GOOD)
    assert again.status_code == 409 and again.json()["code"] == "possible_duplicate"
    assert first.json()["reference"] in again.json()["message"]
    confirmed = portal.post("/requests", GOOD | {"confirm_duplicate": True})
    assert confirmed.status_code == 201
    assert Request.objects.count() == 2


def test_a_request_outside_the_procedure_is_sent_where_it_belongs_at_once(portal):
    response = portal.post("/requests", GOOD | {"kind": "own_records"})
    assert response.status_code == 201
    assert response.json()["state"] == "closed" and response.json()["outcome_route"]


def test_a_scimt_officer_signed_in_logs_with_the_csrf_token_and_no_one_else_does():
    officer = StaffClient(make_staff("scimt.api", "scimt_officer"))
    without = officer.post("/requests", GOOD, csrf=False)
    assert without.status_code == 403 and without.json()["code"] == "csrf_failed"
    logged = officer.post("/requests", GOOD)
    assert logged.status_code == 201
    assert Request.objects.get().owner.username == "scimt.api"
    worker = StaffClient(make_staff("sw.api", "social_worker"))
    refused = worker.post("/requests", GOOD | {"confirm_duplicate": True})
    assert refused.status_code == 403 and refused.json()["code"] == "not_permitted_for_role"
    assert Request.objects.count() == 1
