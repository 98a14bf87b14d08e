"""The outbox when the mail server is down, hangs, or comes back (issue 14).

A step only writes to the outbox, so it takes the same time whatever the
mail server is doing. The worker's delivery (deliver_due, the function
`disclose run-worker` runs) tries again later, each wait twice the last, then
gives up and tells the administrators, who can retry from the Outbox page.
Every server here is real: aiosmtpd on a localhost port, stopped and started.
"""

import socket
import time
from datetime import timedelta
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from casework_factories import build_office, make_staff, receive
from conftest import Inbox, free_port
from django.urls import reverse
from django.utils import timezone

from disclose.audit.models import AuditEvent
from disclose.casework.models import Message
from disclose.outbox.delivery import deliver_due
from disclose.outbox.models import Outgoing


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def relay(settings):
    """A mail server on a fixed localhost port, that the test stops and starts."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    server = Relay(port)
    yield server
    server.stop()


class Relay:
    def __init__(self, port: int):
        self.port, self.inbox, self.controller = port, Inbox(), None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def message_ids(self) -> list[str]:
        return [message_from_bytes(e.content)["Message-ID"] for e in self.inbox.envelopes]


def test_the_mail_server_stops_the_step_goes_ahead_and_the_email_arrives_once_it_is_back(
    office, relay
):
    relay.start()
    relay.stop()
    request = receive(office, None, kind="own_records")  # redirected: the requestor is told
    item = Message.objects.get(request=request).outgoing
    assert item.status == "waiting" and item.attempts == 0  # the step never tried to send

    assert deliver_due() == {"delivered": 0, "retrying": 1, "failed": 0}
    item.refresh_from_db()
    assert item.status == "waiting" and "refused" in item.last_error.lower()
    assert item.next_attempt_at - timezone.now() > timedelta(seconds=20)  # waits 30 s

    relay.start()
    assert deliver_due()["delivered"] == 0  # not due yet: it waits its turn
    assert deliver_due(now=item.next_attempt_at)["delivered"] == 1
    assert deliver_due(now=item.next_attempt_at + timedelta(hours=2)) == {
        "delivered": 0,
        "retrying": 0,
        "failed": 0,
    }
    assert relay.message_ids() == [item.key]  # arrived, exactly once
    item.refresh_from_db()
    assert item.status == "delivered" and item.last_error == "" and item.attempts == 2


def test_a_step_takes_no_longer_when_the_mail_server_hangs(office, settings):
    """A server that takes connections and never answers: sending would wait
    for the full timeout; the step does not send, so it does not wait."""
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = hung.getsockname()
        settings.EMAIL_TIMEOUT = 30
        started = time.monotonic()
        receive(office, None, kind="own_records")
        took = time.monotonic() - started
        assert took < 10, f"the step took {took:.1f} s"  # far below the 30 s timeout
        assert Outgoing.objects.get(kind="requestor").status == "waiting"


def test_retries_wait_longer_each_time_then_fail_and_the_administrators_are_told(
    office, relay, settings, client
):
    settings.OUTBOX_MAX_ATTEMPTS, settings.OUTBOX_ALERT_AFTER = 4, 2
    admin = make_staff("admin.one", "admin", first_name="Ada")
    request = receive(office, None, kind="own_records")
    item = Message.objects.get(request=request).outgoing
    now, waits = timezone.now(), []
    for _ in range(4):
        deliver_due(now=now)
        item.refresh_from_db()
        waits.append((item.next_attempt_at - now).total_seconds())
        now = item.next_attempt_at
    assert waits[:3] == [30, 60, 120]  # twice as long each time
    assert item.status == "failed" and item.attempts == 4 and item.alerted

    # After the second failure the administrators were told, once, whatever came after.
    (alert,) = Outgoing.objects.filter(kind="alert")
    assert alert.payload["to"] == [admin.email]
    assert request.reference in alert.payload["body"] and "Retry" in alert.payload["body"]

    # The request page says the email has not gone.
    client.force_login(office.scimt)
    page = client.get(reverse("web:request_detail", args=[request.reference])).content.decode()
    assert "has not gone" in page and "Failed: not delivered" in page

    # The mail server is back: the alert goes; the failed email waits for a person.
    relay.start()
    deliver_due(now=now + timedelta(hours=3))
    assert relay.message_ids() == [alert.key]

    # An administrator sees it on the Outbox page, and retries it.
    client.force_login(admin)
    page = client.get(reverse("web:outbox")).content.decode()
    assert "Email to the requestor" in page and "refused" in page.lower()
    response = client.post(reverse("web:outbox_retry", args=[item.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(event_type="outbox_retried", actor=admin).count() == 1
    deliver_due()
    assert relay.message_ids() == [alert.key, item.key]
    item.refresh_from_db()
    assert item.status == "delivered"


def test_only_administrators_see_the_outbox(office, client):
    client.force_login(office.scimt)
    assert client.get(reverse("web:outbox")).status_code == 404
    item = Outgoing.objects.create(
        key="<x@test>", channel="email", kind="staff", description="x", payload={}, status="failed"
    )
    assert client.post(reverse("web:outbox_retry", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.status == "failed"
