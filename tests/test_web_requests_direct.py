"""New request for a social worker (section 1): a request made to them
directly about their open case is logged by them and stays with them; any
other request is refused, and the page says to send it to the SCIMT."""

import pytest
from casework_factories import build_office
from test_web_requests_intake import CONFIRMED, FORM

from disclose.casework.models import Request

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def _about(person) -> dict:
    return FORM | {
        "subject_count": "1",
        "s1_forename": person.forename,
        "s1_surname": person.surname,
        "s1_dob_day": str(person.dob.day),
        "s1_dob_month": str(person.dob.month),
        "s1_dob_year": str(person.dob.year),
    }


def test_a_worker_logs_a_request_about_their_open_case_and_holds_it(client, office):
    child = office.open_case(worker=office.sw_t1)
    client.force_login(office.sw_t1)
    my_work = client.get("/").content.decode()
    assert 'href="/requests/new/"' in my_work and "Requests by email" not in my_work
    form = client.get("/requests/new/").content.decode()
    assert "made to you directly" in form and "Any other request goes to the SCIMT" in form
    response = client.post("/requests/new/", _about(child) | CONFIRMED, follow=True)
    case = Request.objects.get()
    assert response.redirect_chain == [(f"/requests/{case.reference}/", 302)]
    page = response.content.decode()
    assert "Check the requestor&#x27;s identity again" in page  # their next step
    part = case.subjects.get()
    assert part.assignee == office.sw_t1 and part.route == "open:allocated_worker"


def test_a_request_not_about_their_open_case_is_refused_with_what_to_do(client, office):
    child = office.open_case(worker=office.sw_d)
    client.force_login(office.sw_t1)
    page = client.post("/requests/new/", _about(child) | CONFIRMED).content.decode()
    assert "Send this one to the SCIMT to log." in page
    assert not Request.objects.exists()


def test_nobody_else_but_the_scimt_sees_new_request(client, office):
    for manager in (office.tm_t1, office.csm_t1, office.bs):
        client.force_login(manager)
        assert client.get("/requests/new/").status_code in (403, 404), manager.username
        assert 'href="/requests/new/"' not in client.get("/").content.decode()
