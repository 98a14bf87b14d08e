"""A failure half-way through a step leaves nothing half-done, and emails go
only from the outbox the step committed (issue 6, item 4; casework/notify.py)."""

import pytest
from casework_factories import build_office, forwarded, snapshot
from django.core import mail

from disclose.audit.log import verify
from disclose.casework import services
from disclose.casework.models import Message, StaffNotification
from disclose.casework.steps import _base
from disclose.outbox.delivery import deliver_due
from disclose.outbox.models import Outgoing

pytestmark = pytest.mark.django_db


class AuditStoreDown(RuntimeError):
    pass


def test_a_step_whose_audit_event_fails_leaves_nothing_behind(monkeypatch):
    office = build_office()
    request = forwarded(office, office.closed_case())
    before = snapshot(request)
    queued = Outgoing.objects.count()

    def fail_after_the_changes(**event):
        # By now the part is saved, the case note and the email written.
        assert Message.objects.count() + StaffNotification.objects.count() > 0
        raise AuditStoreDown("the audit table is unavailable")

    monkeypatch.setattr(_base, "record", fail_after_the_changes)
    with pytest.raises(AuditStoreDown):
        services.decide(
            actor=office.csm_t1, request=request, decision="decline", reason="Not needed."
        )
    assert snapshot(request) == before
    assert Outgoing.objects.count() == queued  # nothing left in the outbox to go
    mail.outbox.clear()
    deliver_due()
    assert [m.to for m in mail.outbox if "declined" in m.subject.lower()] == []
    assert verify().ok


def test_the_email_goes_only_from_the_outbox_the_step_committed():
    office = build_office()
    request = forwarded(office, office.closed_case())
    deliver_due()
    mail.outbox.clear()
    services.decide(actor=office.csm_t1, request=request, decision="decline", reason="Not needed.")
    assert mail.outbox == []  # written, kept, not yet sent
    message = Message.objects.get(request=request, kind="decision_declined")
    assert message.outgoing.status == "waiting"
    deliver_due()
    assert [m.to for m in mail.outbox] == [["jane.doe@example.police.uk"]]
    message.outgoing.refresh_from_db()
    assert message.outgoing.status == "delivered"
