"""A professional narrows or withdraws their own request on the agency portal
(issue 16, "Acting"): the same step declarations, services and checks as
staff (procedure/steps.py gives the `requestor` role withdraw and
narrow_request), never on someone else's request."""

import pytest
from casework_factories import build_office, snapshot
from django.test import Client
from portal_asking import ask, confirm_as_scimt
from portal_mail import portal_session_key

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Message, Request
from disclose.portal.actor import PortalRequestor
from disclose.portal.models import Professional
from disclose.portal.sessions import PORTAL_COOKIE
from disclose.records.models import CaseNote

pytestmark = pytest.mark.django_db

PIKE = "dc.morag.pike@notts.police.uk"
OTHER = "dc.lee.hart@notts.police.uk"


@pytest.fixture
def office(db):
    return build_office()


def portal_client(address: str) -> Client:
    client = Client()
    client.cookies[PORTAL_COOKIE] = portal_session_key(address)
    return client


def logged(office, client: Client, **answers) -> Request:
    return Request.objects.get(reference=confirm_as_scimt(office.scimt, ask(client, **answers)))


def test_a_professional_withdraws_their_request_and_is_sent_one_acknowledgement(office):
    pike = portal_client(PIKE)
    request = logged(office, pike)
    page = pike.get(f"/portal/requests/{request.reference}/").content.decode()
    assert "Withdraw your request" in page
    form = pike.get(f"/portal/requests/{request.reference}/withdraw/").content.decode()
    assert "Why do you no longer need the information?" in form
    response = pike.post(
        f"/portal/requests/{request.reference}/withdraw/",
        {"reason": "The enquiry has ended.", "confirm": "on"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "withdrawn" and request.withdraw_reason == "The enquiry has ended."
    acknowledged = Message.objects.filter(request=request, kind="withdrawal_acknowledged")
    assert acknowledged.count() == 1
    event = AuditEvent.objects.get(event_type="withdraw", request_reference=request.reference)
    assert event.actor is None and event.detail["requestor"].startswith("requestor:")
    after = pike.get(f"/portal/requests/{request.reference}/").content.decode()
    assert "Your request has been withdrawn" in after
    assert "Withdraw your request" not in after  # nothing left to do


def test_withdrawing_without_a_reason_says_what_to_enter_and_changes_nothing(office):
    pike = portal_client(PIKE)
    request = logged(office, pike)
    before = snapshot(request)
    page = pike.post(
        f"/portal/requests/{request.reference}/withdraw/", {"reason": "", "confirm": "on"}
    ).content.decode()
    assert "There is a problem" in page
    assert snapshot(request) == before


def test_a_professional_narrows_a_broad_request_and_it_goes_on(office):
    pike = portal_client(PIKE)
    request = logged(office, pike, extent="extensive")
    assert request.state == "awaiting_narrowing"
    assert (
        "Narrow your request" in pike.get(f"/portal/requests/{request.reference}/").content.decode()
    )
    response = pike.post(
        f"/portal/requests/{request.reference}/narrow-request/",
        {"details": "Only the dates of the child protection plan.", "extent": "specific"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "received" and request.extent == "specific"
    assert request.details == "Only the dates of the child protection plan."
    # The SCIMT carries on from there, as with any specific request.
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )


def test_a_specific_request_offers_no_narrowing(office):
    pike = portal_client(PIKE)
    request = logged(office, pike)
    url = f"/portal/requests/{request.reference}/narrow-request/"
    assert pike.get(url).status_code == 404


def test_nobody_acts_on_another_professionals_request(office):
    request = logged(office, portal_client(PIKE))
    other = portal_client(OTHER)
    other.get("/portal/")  # their own session, with no requests
    for slug in ("withdraw", "narrow-request"):
        assert other.get(f"/portal/requests/{request.reference}/{slug}/").status_code == 404
        response = other.post(
            f"/portal/requests/{request.reference}/{slug}/",
            {"reason": "Not mine.", "confirm": "on", "details": "x", "extent": "specific"},
        )
        assert response.status_code == 404
    # The rule itself, not only the portal's pages: the service refuses too.
    stranger = PortalRequestor(
        professional=Professional.objects.get(email=OTHER), name="DC Lee Hart"
    )
    before = snapshot(request)
    with pytest.raises(StepRefused) as refused:
        services.withdraw(actor=stranger, request=request, reason="Not mine.")
    assert refused.value.code == "not_your_request"
    assert snapshot(request) == before
    assert not CaseNote.objects.filter(text__contains="Not mine.").exists()
