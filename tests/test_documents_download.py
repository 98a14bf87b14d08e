"""Downloads: only people with a reason to see the document; anyone else gets
the same 404 as for no document at all; each download is an access event."""

import pytest
from casework_factories import build_office, make_staff
from django.urls import reverse
from hard_copy_factories import PDF, approved_copies, supplied, upload

from disclose.audit.log import verify
from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.document_store import path_of


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


def download(client, user, document_id: int):
    client.force_login(user)
    return client.get(reverse("web:document_download", args=[document_id]))


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def downloads() -> int:
    return AuditEvent.objects.filter(event_type="document_downloaded").count()


def test_someone_outside_the_request_gets_404_like_a_document_that_does_not_exist(office, client):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF)
    outsider = download(client, office.sw_d, document.pk)
    missing = download(client, office.sw_d, document.pk + 1000)
    assert outsider.status_code == missing.status_code == 404
    assert downloads() == 0


def test_a_download_by_someone_entitled_is_the_file_and_writes_an_access_event(office, client):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF, name="x.pdf", title="CP plan 2014")
    response = download(client, office.sw_t1, document.pk)
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "CP plan 2014.pdf" in response["Content-Disposition"]
    event = AuditEvent.objects.get(event_type="document_downloaded")
    assert event.category == "access" and event.actor == office.sw_t1
    assert event.request_reference == request.reference
    assert event.person == request.subjects.get().person
    assert event.detail["document"] == document.pk
    assert verify().ok


def test_people_who_held_the_request_and_information_governance_may_download(office, client):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF)
    governance = make_staff("ig1", "information_governance")
    for user in (office.scimt, office.csm_t1, office.tm_t1, governance):
        assert download(client, user, document.pk).status_code == 200, user.username
    assert downloads() == 4


def test_business_support_may_download_only_approved_copies(office, client):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF)
    items = [{"title": "CP plan", "document": document}]
    services.request_hard_copies(actor=office.sw_t1, request=request, items=items)
    assert download(client, office.bs, document.pk).status_code == 404
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="approve", reason="Court."
    )
    assert download(client, office.bs, document.pk).status_code == 200


def test_business_support_can_attach_the_copy_they_produced_once_approved(office, client):
    request = approved_copies(office)
    produced = upload(office.bs, request, PDF, title="CP plan (copy)")
    services.attach_hard_copy_file(
        actor=office.bs, request=request, item="Child protection plan", document=produced
    )
    assert download(client, office.bs, produced.pk).status_code == 200


def test_legal_services_see_documents_of_police_requests_sent_to_them(office, client):
    legal = make_staff("legal1", "legal_services")
    police = supplied(office, requestor_agency="police")
    other = supplied(office)
    police_document = upload(office.sw_t1, police, PDF)
    other_document = upload(office.sw_t1, other, PDF)
    services.request_hard_copies(actor=office.sw_t1, request=police, items=[{"title": "Plan"}])
    assert download(client, legal, police_document.pk).status_code == 200
    assert download(client, legal, other_document.pk).status_code == 404


def test_a_file_changed_on_disk_is_not_served(office, client):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF)
    path_of(document.storage_name).write_bytes(PDF.replace(b"Catalog", b"Catalox"))
    response = download(client, office.sw_t1, document.pk)
    assert response.status_code == 500
    assert b"does not match" in response.content and PDF not in response.content
    assert downloads() == 0


def test_signing_in_comes_first(office, client):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF)
    response = client.get(reverse("web:document_download", args=[document.pk]))
    assert response.status_code == 302 and "sign-in" in response["Location"]
