"""Emails to the requestor and to staff: kept always, written to the outbox in
the step's transaction, and sent by the worker's delivery (disclose/outbox/)."""

from email import message_from_bytes

import pytest
from casework_factories import assert_refused, build_office, messages_of, receive
from conftest import free_port

from disclose.casework import services
from disclose.casework.models import Message, StaffNotification
from disclose.outbox.delivery import deliver_due
from disclose.outbox.models import Outgoing


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def outbox(settings, mailoutbox):
    return mailoutbox


def test_the_requestor_receives_a_real_email_with_the_scimts_phone_number(office, smtp):
    request = receive(office, None, kind="own_records")
    assert smtp.envelopes == []  # the step only queued it
    assert deliver_due()["delivered"] == 1
    (envelope,) = smtp.envelopes
    assert envelope.rcpt_tos == ["jane.doe@example.police.uk"]
    email = message_from_bytes(envelope.content)
    body = email.get_payload(decode=True).decode()
    assert "01623 433177" in body and "Accessto.Records@nottscc.gov.uk" in body
    assert request.reference in email["Subject"]
    message = Message.objects.select_related("outgoing").get()
    # The Message-ID is the outbox's idempotency key: the same on every attempt.
    assert email["Message-ID"] == message.outgoing.key
    assert message.outgoing.status == "delivered" and message.outgoing.delivered_at is not None


def test_the_step_only_queues_the_email(office, outbox):
    request = receive(office, None, kind="own_records")
    assert outbox == []
    assert messages_of(request)[0].outgoing.status == "waiting"
    deliver_due()
    assert [m.to for m in outbox] == [["jane.doe@example.police.uk"]]
    assert Message.objects.get(request=request).outgoing.status == "delivered"
    deliver_due()
    assert len(outbox) == 1  # delivered once, never again


def test_a_refused_step_queues_no_email(office, outbox):
    request = receive(office, None)
    before = Outgoing.objects.count()
    assert_refused("identity_not_verified", services.forward, actor=office.scimt, request=request)
    assert Outgoing.objects.count() == before
    deliver_due()
    assert [m.subject for m in outbox if "pass" in m.body.lower()] == []


def test_a_message_to_a_requestor_with_no_email_is_kept_not_sent(office, outbox):
    receive(office, None, kind="own_records", channel="phone", requestor_email="")
    message = Message.objects.get()
    assert message.outgoing.status == "no_address" and message.text
    deliver_due()
    assert outbox == []


def test_a_failed_email_waits_to_be_tried_again_with_the_reason(office, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    request = receive(office, None, kind="own_records")
    assert deliver_due() == {"delivered": 0, "retrying": 1, "failed": 0}
    outgoing = messages_of(request)[0].outgoing
    outgoing.refresh_from_db()
    assert outgoing.status == "waiting" and outgoing.attempts == 1
    assert "Connection refused" in outgoing.last_error and outgoing.delivered_at is None
    assert outgoing.next_attempt_at > outgoing.created_at


def test_staff_are_emailed_when_a_task_lands_on_them(office, outbox):
    person = office.closed_case()
    request = receive(office, person)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    services.match_subject(actor=office.scimt, request=request, subject=1, person=person)
    deliver_due()
    outbox.clear()
    services.forward(actor=office.scimt, request=request, basic_information_skipped="Told already.")
    deliver_due()
    (email,) = outbox
    assert email.to == [office.csm_t1.email]
    assert request.reference in email.subject and "decide" in email.body
    assert StaffNotification.objects.get().outgoing.status == "delivered"


def test_staff_with_no_email_address_have_the_task_recorded(office, outbox):
    office.csm_t1.email = ""
    office.csm_t1.save()
    person = office.closed_case()
    request = receive(office, person)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    services.match_subject(actor=office.scimt, request=request, subject=1, person=person)
    deliver_due()
    outbox.clear()
    services.forward(actor=office.scimt, request=request, basic_information_skipped="Told already.")
    deliver_due()
    assert StaffNotification.objects.get(staff=office.csm_t1).outgoing.status == "no_address"
    assert outbox == []
