"""Hard copies by secure email: a real email, received by a real SMTP server on
this machine, with the approved items' files attached byte for byte (2.2)."""

from email import message_from_bytes, policy

import pytest
from casework_factories import build_office
from hard_copy_factories import PDF, PNG, docx, supplied, upload

from disclose.casework import services
from disclose.casework.document_store import path_of
from disclose.casework.models import Message
from disclose.outbox.delivery import deliver_due
from disclose.outbox.models import Outgoing


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


def approved_with_files(office):
    request = supplied(office)
    plan = upload(office.sw_t1, request, PDF, name="plan.pdf", title="Child protection plan")
    letter = upload(office.sw_t1, request, docx(), name="letter.docx", title="Letter to parents")
    report = upload(office.sw_t1, request, PNG, name="report.png", title="Police report scan")
    items = [
        {"title": "Child protection plan", "document": plan},
        {"title": "Letter to parents", "document": letter},
        {
            "title": "Police report",
            "third_party": True,
            "source": "Notts Police",
            "document": report,
        },
        {"title": "Core group minutes"},  # no file: listed as sent, nothing attached
    ]
    services.request_hard_copies(actor=office.sw_t1, request=request, items=items)
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="approve", reason="For the court."
    )
    return request, {"plan": plan, "letter": letter, "report": report}


def test_the_requestor_receives_the_approved_items_attached_byte_for_byte(office, smtp):
    request, documents = approved_with_files(office)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    deliver_due()
    key = Message.objects.get(kind="hard_copies_sent").outgoing.key
    emails = [message_from_bytes(e.content, policy=policy.default) for e in smtp.envelopes]
    (email,) = [e for e in emails if e["Message-ID"] == key]
    assert email["To"] == request.requestor_email
    assert request.reference in email["Subject"]
    text = email.get_body(preferencelist=("plain",)).get_content()
    assert "2 of them are attached to this email." in text
    assert "Police report (from Notts Police)" in text  # withheld, and said so
    attached = {part.get_filename(): part.get_content() for part in email.iter_attachments()}
    assert set(attached) == {"Child protection plan.pdf", "Letter to parents.docx"}
    assert (
        attached["Child protection plan.pdf"]
        == path_of(documents["plan"].storage_name).read_bytes()
    )
    assert (
        attached["Letter to parents.docx"] == path_of(documents["letter"].storage_name).read_bytes()
    )
    assert (
        attached["Child protection plan.pdf"] == PDF
        and attached["Letter to parents.docx"] == docx()
    )
    message = Message.objects.get(kind="hard_copies_sent")
    assert message.outgoing.status == "delivered" and message.outgoing.delivered_at is not None


def test_nothing_is_emailed_if_the_step_is_refused(office, smtp):
    request = supplied(office)
    services.request_hard_copies(actor=office.sw_t1, request=request, items=[{"title": "Plan"}])
    deliver_due()
    count, queued = len(smtp.envelopes), Outgoing.objects.count()
    with pytest.raises(services.StepRefused):
        services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    deliver_due()
    assert Outgoing.objects.count() == queued and len(smtp.envelopes) == count


def test_a_file_damaged_after_the_step_stops_the_email_and_says_why(office, smtp):
    request, documents = approved_with_files(office)
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    path_of(documents["plan"].storage_name).write_bytes(b"%PDF-1.4 tampered")
    deliver_due()
    outgoing = Message.objects.get(kind="hard_copies_sent").outgoing
    outgoing.refresh_from_db()
    # Trying again cannot mend a damaged file: it fails at once, and says why.
    assert outgoing.status == "failed" and "checksum" in outgoing.last_error
    emails = [message_from_bytes(e.content, policy=policy.default) for e in smtp.envelopes]
    assert [e for e in emails if e["Message-ID"] == outgoing.key] == []


def test_a_damaged_file_is_refused_before_anything_is_sent(office):
    request, documents = approved_with_files(office)
    path_of(documents["letter"].storage_name).unlink()
    refused = pytest.raises(
        services.StepRefused,
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="secure_email",
    )
    assert refused.value.code == "document_damaged" and "Letter to parents" in refused.value.message
