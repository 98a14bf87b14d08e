"""Asking and following on the portal (issue 16, item 2): the intake form's own
questions and checks; the request arrives as a draft the SCIMT logs like an
email; the professional sees only their own requests, in plain words, with the
date an answer is due."""

import pytest
from casework_factories import build_office
from django.test import Client
from portal_asking import ANSWERS, ask, confirm_as_scimt
from portal_mail import portal_session_key

from disclose.audit.models import AuditEvent
from disclose.casework.models import Request
from disclose.intake.models import DraftRequest
from disclose.portal.sessions import PORTAL_COOKIE

pytestmark = pytest.mark.django_db

PIKE = "dc.morag.pike@notts.police.uk"


def professional(address: str = PIKE) -> Client:
    client = Client()
    client.cookies[PORTAL_COOKIE] = portal_session_key(address)
    return client


@pytest.fixture
def office(db):
    return build_office()


def test_a_request_arrives_as_a_draft_the_scimt_logs_without_retyping(office):
    pike = professional()
    draft = ask(pike)
    assert draft.status == "draft" and draft.source == "portal"
    assert draft.from_address == PIKE and draft.requestor_name == "DC Morag Pike"
    assert draft.subjects == [{"forename": "Jayden", "surname": "Smith", "dob": "2010-03-04"}]
    home = pike.get("/portal/").content.decode()
    assert "Waiting to be logged" in home
    # The SCIMT sees it among the drafts, and logs it as it stands.
    drafts = Client()
    drafts.force_login(office.scimt)
    assert "DC Morag Pike" in drafts.get("/requests/by-email/").content.decode()
    reference = confirm_as_scimt(office.scimt, draft)
    request = Request.objects.get(reference=reference)
    assert request.channel == "portal" and request.requestor_email == PIKE
    assert request.consent is False and request.requestor_role == "Detective constable"
    assert "Investigating officer in a section 47 enquiry" in request.details
    assert "Section 47 of the Children Act 1989" in request.details
    assert request.subjects.get().surname == "Smith"
    assert AuditEvent.objects.filter(event_type="portal_request_submitted").count() == 1


def test_the_professional_follows_their_request_in_plain_words_with_its_due_date(office):
    pike = professional()
    reference = confirm_as_scimt(office.scimt, ask(pike))
    home = pike.get("/portal/").content.decode()
    assert reference in home and "Waiting to be logged" not in home
    assert "Received. We are checking who you are." in home
    page = pike.get(f"/portal/requests/{reference}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Expect an answer by" in text
    # No internal names: states, routes, or the officer who logged it.
    for internal in ("received", "identity_verified", "scimt_officer", "Sam Officer", "scimt1"):
        assert internal not in text.replace("Received", "")
    assert AuditEvent.objects.filter(
        event_type="portal_request_viewed", request_reference=reference
    ).exists()


def test_the_form_checks_the_same_things_as_the_intake_form_and_keeps_nothing(office):
    pike = professional()
    response = pike.post(
        "/portal/ask/",
        {
            **ANSWERS,
            "requestor_name": "",
            "s1_forename": "",
            "s1_surname": "",
            "s1_dob_day": "31",
            "s1_dob_month": "2",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Enter your full name" in text
    assert "Enter person 1&#x27;s name" in text or "must be a real date" in text
    assert not DraftRequest.objects.exists()


def test_without_consent_the_lawful_basis_is_asked_for(office):
    response = professional().post("/portal/ask/", {**ANSWERS, "lawful_basis": ""})
    assert "Enter the law that allows you to ask without consent" in response.content.decode()
    assert not DraftRequest.objects.exists()


def test_the_relationship_to_the_people_asked_about_is_asked_for(office):
    response = professional().post("/portal/ask/", {**ANSWERS, "requestor_relationship": ""})
    assert "Enter your relationship to the people you are asking about" in (
        response.content.decode()
    )


def test_another_professionals_request_is_not_found_and_shows_nothing(office):
    reference = confirm_as_scimt(office.scimt, ask(professional()))
    other = professional("dc.other@notts.police.uk")
    response = other.get(f"/portal/requests/{reference}/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Smith" not in text and "Pike" not in text and reference not in text
    assert reference not in other.get("/portal/").content.decode()


def test_a_request_logged_by_phone_for_the_same_address_is_not_shown(office):
    """Only requests asked on the portal are theirs: an address typed by staff proves nothing."""
    from casework_factories import receive

    phoned = receive(office, None, requestor_email=PIKE)
    assert phoned.reference not in professional().get("/portal/").content.decode()
    assert professional().get(f"/portal/requests/{phoned.reference}/").status_code == 404


def test_the_relationship_given_on_the_portal_is_recorded_on_the_request(office):
    """Section 1: the professional's relationship to the people asked about, asked
    on the portal, is the request's own field once the SCIMT logs it."""
    reference = confirm_as_scimt(office.scimt, ask(professional()))
    request = Request.objects.get(reference=reference)
    assert request.requestor_relationship == ANSWERS["requestor_relationship"]
