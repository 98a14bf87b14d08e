"""2.1.2.2: 'put a copy of the information provided in documents on the
Framework record'. The copy is the documents themselves, kept with the
person's record, and the retention purge of the request keeps it."""

import datetime
import io

import pytest
from casework_factories import approved, build_office
from django.core.management import call_command
from django.utils import timezone
from hard_copy_factories import PDF

from disclose.casework import document_store, services
from disclose.casework.models import Document, Request, SuppliedInformation
from disclose.outbox.models import Outgoing
from disclose.records.models import CaseNote

pytestmark = pytest.mark.django_db


@pytest.fixture(name="office")
def office_fixture(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return build_office()


def _supplied_with_a_document(office):
    person = office.closed_case()
    request = approved(office, person, office.csm_t1, requestor_agency="cafcass")
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="verified"
    )
    services.upload_document(
        actor=office.sw_t1,
        request=request,
        file=io.BytesIO(PDF),
        name="plan.pdf",
        title="Child protection plan 2014",
    )
    services.supply_information(
        actor=office.sw_t1,
        request=request,
        summary="The dates of the 2014 plan.",
        documents=["Child protection plan 2014"],
    )
    return person, request


def test_the_documents_supplied_are_filed_on_the_persons_record(office):
    person, request = _supplied_with_a_document(office)
    copy = SuppliedInformation.objects.get(request=request)
    (document,) = copy.copies.all()
    assert document.on_person_record and document.person == person
    assert document.title == "Child protection plan 2014"
    assert document_store.path_of(document.storage_name).read_bytes() == PDF
    entries = Outgoing.objects.filter(channel=Outgoing.Channel.RECORD_SYSTEM, kind="document")
    assert entries.filter(source=f"document:{document.pk}").exists()
    note = CaseNote.objects.filter(person=person, text__contains="supplied information").get()
    assert "Filed on this record: Child protection plan 2014" in note.text


def test_the_purge_of_the_request_keeps_the_copy_of_what_was_supplied(
    office, django_capture_on_commit_callbacks
):
    person, request = _supplied_with_a_document(office)
    services.close(actor=office.sw_t1, request=request, reason="Supplied.")
    long_ago = timezone.now() - datetime.timedelta(days=365 * 8)
    Request.objects.filter(pk=request.pk).update(closed_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_closed_requests", stdout=io.StringIO())
    assert not Request.objects.filter(pk=request.pk).exists()
    copy = SuppliedInformation.objects.get(person=person)
    assert copy.request_id is None and copy.request_reference == request.reference
    assert copy.summary == "The dates of the 2014 plan."
    (document,) = Document.objects.filter(person=person)
    assert document.supplied == copy and document.request_id is None
    assert document_store.path_of(document.storage_name).read_bytes() == PDF
