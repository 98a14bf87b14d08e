"""The new request page (section 1): a request in scope is logged and opens
its page; one that belongs elsewhere is redirected at once and the page says
what the requestor is told and where it went."""

import pytest
from casework_factories import build_office

from disclose.casework.models import Message, Request

pytestmark = pytest.mark.django_db

FORM = {
    "channel": "phone",
    "kind": "information",
    "extent": "specific",
    "requestor_name": "Alex Carter",
    "requestor_agency": "cafcass",
    "requestor_role": "Family Court Adviser",
    "requestor_email": "alex.carter@example.cafcass.gov.uk",
    "requestor_phone": "0300 000 0000",
    "requestor_address": "",
    "consent": "yes",
    "details": "Whether the family is known, for a court report.",
    "subject_count": "2",
    "s1_forename": "Mia",
    "s1_surname": "Jones",
    "s1_dob_day": "12",
    "s1_dob_month": "6",
    "s1_dob_year": "2015",
    "s2_forename": "Leo",
    "s2_surname": "Jones",
}
CONFIRMED = {"confirmed": "yes"}  # "Log the request" on the check-your-answers page


@pytest.fixture
def office(db):
    return build_office()


def test_an_in_scope_request_is_logged_and_lands_on_its_page(client, office):
    client.force_login(office.scimt)
    response = client.post("/requests/new/", FORM | CONFIRMED, follow=True)
    case = Request.objects.get()
    assert response.redirect_chain == [(f"/requests/{case.reference}/", 302)]
    page = response.content.decode()
    assert f"Request {case.reference} logged" in page
    assert "Alex Carter" in page and "Mia Jones" in page and "Leo Jones" in page
    assert "Check the requestor&#x27;s identity" in page
    assert case.state == "received" and case.owner == office.scimt
    assert [s.name_given for s in case.subjects.order_by("number")] == ["Mia Jones", "Leo Jones"]


def test_an_own_records_request_is_redirected_at_once_with_the_subject_access_email(client, office):
    client.force_login(office.scimt)
    response = client.post(
        "/requests/new/", FORM | {"kind": "own_records"} | CONFIRMED, follow=True
    )
    case = Request.objects.get()
    assert response.redirect_chain == [(f"/requests/{case.reference}/redirected/", 302)]
    page = response.content.decode()
    assert "This request belongs elsewhere" in page
    assert "Accessto.Records@nottscc.gov.uk" in page
    assert "alex.carter@example.cafcass.gov.uk" in page  # where the message went
    assert case.state == "closed" and case.outcome_route == "redirect:subject_access"
    assert Message.objects.get().kind == "redirect_subject_access"


def test_a_missing_answer_is_shown_and_what_was_typed_is_kept(client, office):
    client.force_login(office.scimt)
    page = client.post("/requests/new/", FORM | {"requestor_name": "", "consent": ""})
    text = page.content.decode()
    assert "There is a problem" in text
    assert "Enter the requestor&#x27;s name" in text
    assert "Select yes if they hold the person&#x27;s consent" in text
    assert 'value="alex.carter@example.cafcass.gov.uk"' in text
    assert "Whether the family is known, for a court report." in text
    assert not Request.objects.exists()


def test_add_another_person_keeps_the_answers_and_adds_a_blank_person(client, office):
    client.force_login(office.scimt)
    text = client.post("/requests/new/", FORM | {"add_subject": "1"}).content.decode()
    assert "Person 3" in text and 'name="s3_forename"' in text
    assert 'value="Mia"' in text and 'value="Leo"' in text
    assert "There is a problem" not in text
    assert not Request.objects.exists()


def test_only_a_scimt_officer_can_log_a_request(client, office):
    # Or a social worker, one made to them directly (test_web_requests_direct.py).
    client.force_login(office.tm_t1)
    assert client.get("/requests/new/").status_code == 404
    assert client.post("/requests/new/", FORM).status_code == 404
    assert not Request.objects.exists()


def test_a_letter_logged_later_keeps_the_date_it_was_received(client, office):
    client.force_login(office.scimt)
    dated = FORM | {"channel": "letter", "received_day": "2"}
    dated |= {"received_month": "11", "received_year": "2026"}
    client.post("/requests/new/", dated | CONFIRMED)
    case = Request.objects.get()
    assert case.received.isoformat() == "2026-11-02" and case.reference == "AR-2026-000001"


def test_a_received_date_in_the_future_is_refused(client, office):
    client.force_login(office.scimt)
    dated = FORM | {"received_day": "1", "received_month": "1", "received_year": "2999"}
    page = client.post("/requests/new/", dated | CONFIRMED).content.decode()
    assert "Date received must be today or in the past" in page
    assert not Request.objects.exists()


def test_the_answers_are_shown_to_check_before_anything_is_logged(client, office):
    client.force_login(office.scimt)
    page = client.post("/requests/new/", FORM).content.decode()
    assert "Check your answers before logging the request" in page
    assert "Alex Carter" in page and "Mia Jones" in page
    assert 'name="confirmed" value="yes"' in page and "Log the request" in page
    assert not Request.objects.exists()
    # Change your answers: back to the form with everything typed kept.
    page = client.post("/requests/new/", FORM | {"change": "1"}).content.decode()
    assert 'value="alex.carter@example.cafcass.gov.uk"' in page
    assert "There is a problem" not in page and not Request.objects.exists()


def test_a_redirect_asks_for_confirmation_before_it_closes_and_emails(client, office, smtp):
    client.force_login(office.scimt)
    page = client.post("/requests/new/", FORM | {"kind": "own_records"}).content.decode()
    assert "This request belongs elsewhere" in page
    assert "emailed at alex.carter@example.cafcass.gov.uk" in page
    assert "Log it, close it and tell the requestor" in page
    assert "redirect:" not in page  # plain words, not the route's code
    assert not Request.objects.exists() and not smtp.emails()


def test_how_much_is_asked_only_of_requests_for_information(client, office):
    client.force_login(office.scimt)
    without = {k: v for k, v in FORM.items() if k != "extent"}
    page = client.post("/requests/new/", without | {"kind": "own_records"}).content.decode()
    assert "Check your answers" in page and "There is a problem" not in page
    page = client.post("/requests/new/", without).content.decode()
    assert "Select how much is asked" in page and not Request.objects.exists()
