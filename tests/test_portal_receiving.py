"""Receiving through the portal (issue 16, item 2): business support choose the
portal instead of Cryptshare when they send approved hard copies (2.2); the
professional who asked downloads each file through a link that only they can
open, until it expires; each download is audited."""

from datetime import timedelta

import pytest
from casework_factories import build_office
from django.test import Client
from hard_copy_factories import PDF, approved_copies, assert_refused, upload
from portal_mail import portal_session_key

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import Dispatch, Request
from disclose.intake.models import DraftRequest
from disclose.portal.models import Professional, Submission
from disclose.portal.sessions import PORTAL_COOKIE

pytestmark = pytest.mark.django_db

GUARDIAN = "alex.guardian@cafcass.gov.uk"


def client_for(address: str) -> Client:
    client = Client()
    client.cookies[PORTAL_COOKIE] = portal_session_key(address)
    return client


def asked_on_the_portal(request: Request, address: str) -> None:
    """As if the SCIMT had logged this request from the professional's portal draft."""
    professional, _ = Professional.objects.get_or_create(email=address)
    draft = DraftRequest.objects.create(
        message_id=f"portal-test-{request.pk}",
        source="portal",
        status=DraftRequest.Status.CONFIRMED,
        request_reference=request.reference,
    )
    Submission.objects.create(professional=professional, draft=draft)


@pytest.fixture
def sent(db, settings, tmp_path):
    """Approved hard copies of a portal request, sent by business support through the portal."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    request = approved_copies(
        office,
        items=[{"title": "Child protection plan"}],
        channel="portal",
        requestor_email=GUARDIAN,
    )
    asked_on_the_portal(request, GUARDIAN)
    copy = upload(office.bs, request, PDF, name="cp-plan.pdf", title="CP plan copy")
    services.attach_hard_copy_file(
        actor=office.bs, request=request, item="Child protection plan", document=copy
    )
    services.dispatch_hard_copies(actor=office.bs, request=request, method="portal")
    return office, request


def _item_pk(request: Request) -> int:
    from disclose.casework.models import HardCopyItem

    return HardCopyItem.objects.get(request=request).pk


def test_the_professional_downloads_the_copy_and_the_download_is_audited(sent):
    _, request = sent
    client = client_for(GUARDIAN)
    page = client.get(f"/portal/requests/{request.reference}/").content.decode()
    assert "Documents sent to you" in page and "Child protection plan" in page
    url = f"/portal/requests/{request.reference}/documents/{_item_pk(request)}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    event = AuditEvent.objects.get(event_type="portal_document_downloaded")
    assert event.request_reference == request.reference
    assert event.detail["professional"] == GUARDIAN
    dispatch = Dispatch.objects.get()
    assert dispatch.method == "portal" and dispatch.message.to_address == GUARDIAN
    assert "Download them from the agency portal" in dispatch.message.text


def test_another_professional_gets_404_for_the_request_and_the_file(sent):
    _, request = sent
    other = client_for("someone.else@cafcass.gov.uk")
    for url in (
        f"/portal/requests/{request.reference}/",
        f"/portal/requests/{request.reference}/documents/{_item_pk(request)}/",
    ):
        response = other.get(url)
        assert response.status_code == 404
        assert b"Child protection plan" not in response.content
    assert not AuditEvent.objects.filter(event_type="portal_document_downloaded").exists()


def test_an_expired_link_gets_404_and_nothing_is_sent(sent, settings):
    _, request = sent
    Dispatch.objects.update(at=Dispatch.objects.get().at - timedelta(days=29))
    client = client_for(GUARDIAN)
    response = client.get(f"/portal/requests/{request.reference}/documents/{_item_pk(request)}/")
    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert "link expired" in client.get(f"/portal/requests/{request.reference}/").content.decode()


def test_staff_cannot_use_the_portals_download(sent):
    office, request = sent
    staff = Client()
    staff.force_login(office.bs)
    url = f"/portal/requests/{request.reference}/documents/{_item_pk(request)}/"
    assert staff.get(url).status_code == 404


def test_the_portal_is_refused_for_a_request_not_asked_on_it(db, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    request = approved_copies(office, items=[{"title": "Child protection plan"}])
    copy = upload(office.bs, request, PDF, name="cp-plan.pdf", title="CP plan copy")
    services.attach_hard_copy_file(
        actor=office.bs, request=request, item="Child protection plan", document=copy
    )
    refused = assert_refused(
        "not_asked_on_portal",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="portal",
    )
    assert "secure email or Cryptshare" in refused.message
