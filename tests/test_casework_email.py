"""Emails to the requestor and to staff: kept always, sent only after commit."""

from email import message_from_bytes

import pytest
from casework_factories import assert_refused, build_office, messages_of, receive
from conftest import free_port

from disclose.casework import services
from disclose.casework.models import Message, StaffNotification


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def outbox(settings, mailoutbox):
    return mailoutbox


def test_the_requestor_receives_a_real_email_with_the_scimts_phone_number(
    office, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = receive(office, None, kind="own_records")
    (envelope,) = smtp.envelopes
    assert envelope.rcpt_tos == ["jane.doe@example.police.uk"]
    email = message_from_bytes(envelope.content)
    body = email.get_payload(decode=True).decode()
    assert "01623 433177" in body and "Accessto.Records@nottscc.gov.uk" in body
    assert request.reference in email["Subject"]
    message = Message.objects.get()
    assert message.status == "sent" and message.sent_at is not None


def test_emails_go_only_after_the_step_commits(office, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request = receive(office, None, kind="own_records")
    assert outbox == []
    assert messages_of(request)[0].status == "queued"
    for callback in callbacks:
        callback()
    assert [m.to for m in outbox] == [["jane.doe@example.police.uk"]]
    assert messages_of(request)[0].status == "sent"


def test_a_refused_step_queues_no_email(office, outbox, django_capture_on_commit_callbacks):
    request = receive(office, None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert_refused(
            "identity_not_verified", services.forward, actor=office.scimt, request=request
        )
    assert callbacks == [] and outbox == []


def test_a_message_to_a_requestor_with_no_email_is_kept_not_sent(
    office, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receive(office, None, kind="own_records", channel="phone", requestor_email="")
    message = Message.objects.get()
    assert message.status == "no_address" and message.text and outbox == []


def test_a_failed_email_is_kept_with_the_reason(
    office, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        request = receive(office, None, kind="own_records")
    message = messages_of(request)[0]
    assert message.status == "failed" and message.error and message.sent_at is None


def test_staff_are_emailed_when_a_task_lands_on_them(
    office, outbox, django_capture_on_commit_callbacks
):
    person = office.closed_case()
    request = receive(office, person)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    services.match_subject(actor=office.scimt, request=request, subject=1, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.forward(actor=office.scimt, request=request)
    (email,) = outbox
    assert email.to == [office.csm_t1.email]
    assert request.reference in email.subject and "decide" in email.body
    assert StaffNotification.objects.get().status == "sent"


def test_staff_with_no_email_address_have_the_task_recorded(
    office, outbox, django_capture_on_commit_callbacks
):
    office.csm_t1.email = ""
    office.csm_t1.save()
    person = office.closed_case()
    request = receive(office, person)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    services.match_subject(actor=office.scimt, request=request, subject=1, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.forward(actor=office.scimt, request=request)
    assert StaffNotification.objects.get(staff=office.csm_t1).status == "no_address"
    assert outbox == []
