"""Business support sends approved hard copies by secure email or Cryptshare,
case notes the items and the CSM's approval, and files them in the person's
documents if the CSM asked (2.2)."""

import pytest
from casework_factories import build_office, messages_of
from hard_copy_factories import (
    PDF,
    approved_copies,
    assert_refused,
    listed,
    statuses,
    supplied,
    upload,
)

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import Disclosure, Dispatch, Document, HardCopyItem
from disclose.records.models import CaseNote

NON_THIRD_PARTY = ["Child protection plan", "Core assessment"]


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


def test_cryptshare_needs_the_transfer_reference_and_records_it(office):
    request = approved_copies(office)
    assert_refused(
        "transfer_reference_required",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="cryptshare",
    )
    before = AuditEvent.objects.count()
    services.dispatch_hard_copies(
        actor=office.bs, request=request, method="cryptshare", transfer_reference="CS-2026-0042"
    )
    dispatch = Dispatch.objects.get()
    assert (dispatch.method, dispatch.transfer_reference, dispatch.by) == (
        "cryptshare",
        "CS-2026-0042",
        office.bs,
    )
    assert AuditEvent.objects.count() == before + 1
    (message,) = messages_of(request, "hard_copies_sent")
    assert "Cryptshare" in message.text and "CS-2026-0042" in message.text
    assert "- Child protection plan (1 February 2014)" in message.text


def test_the_case_note_lists_the_items_sent_and_the_csms_approval(office):
    request = approved_copies(office)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert note.author == office.bs
    assert "Child protection plan (1 February 2014)" in note.text
    assert "Core assessment" in note.text
    assert f"approved by {office.csm_t1.display_name}" in note.text
    assert "Needed for the court bundle." in note.text
    assert "[no file attached]" in note.text


def test_sending_hard_copies_is_in_the_disclosure_log(office):
    request = approved_copies(office)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    entry = Disclosure.objects.get(kind="hard_copies_sent")
    assert entry.disclosed_by == office.bs and entry.to_name == request.requestor_name
    assert all(title in entry.what for title in NON_THIRD_PARTY)


def test_the_items_go_to_the_persons_documents_when_the_csm_asks(office):
    request = _with_file(office, upload_to_documents=True)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    document = Document.objects.get()
    assert document.on_person_record and document.filed_by == office.bs
    assert document.person == request.subjects.get().person
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "Uploaded to this person's documents: CP plan" in note.text


def test_the_items_stay_out_of_the_persons_documents_unless_the_csm_asks(office):
    request = _with_file(office, upload_to_documents=False)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert not Document.objects.get().on_person_record


def _with_file(office, upload_to_documents: bool):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF)
    services.request_hard_copies(
        actor=office.sw_t1, request=request, items=[{"title": "CP plan", "document": document}]
    )
    services.decide_hard_copies(
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Court.",
        upload_to_documents=upload_to_documents,
    )
    return request


def test_secure_email_needs_the_requestors_address(office):
    request = approved_copies(office, requestor_email="", channel="phone")
    refused = assert_refused(
        "no_email_address",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="secure_email",
    )
    assert "Cryptshare" in refused.message


def test_only_business_support_send_hard_copies(office):
    request = approved_copies(office)
    for actor in (office.sw_t1, office.csm_t1):
        assert_refused(
            "not_permitted_for_role",
            services.dispatch_hard_copies,
            actor=actor,
            request=request,
            method="secure_email",
        )


def test_nothing_is_sent_twice(office):
    request = approved_copies(office, items=[{"title": "CP plan"}])
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert statuses(request) == {"CP plan": "dispatched"}
    assert_refused(
        "hard_copies_not_approved",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="secure_email",
    )


def test_hard_copies_can_still_be_sent_after_the_request_has_closed(office):
    request = listed(office, items=[{"title": "CP plan"}])
    services.close(actor=office.sw_t1, request=request)
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="approve", reason="Court."
    )
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    assert statuses(request) == {"CP plan": "dispatched"}


def test_business_support_cannot_attach_a_file_to_an_item_not_yet_approved(office):
    request = listed(office)
    document = upload(office.sw_t1, request, PDF)
    assert_refused(
        "hard_copies_not_approved",
        services.attach_hard_copy_file,
        actor=office.bs,
        request=request,
        item="Core assessment",
        document=document,
    )
    services.attach_hard_copy_file(
        actor=office.sw_t1, request=request, item="Core assessment", document=document
    )
    assert HardCopyItem.objects.get(title="Core assessment").document == document
