"""A failure half-way through a step leaves nothing half-done, and emails go
only after the step commits (issue 6, item 4; casework/notify.py)."""

import pytest
from casework_factories import build_office, forwarded, snapshot
from django.core import mail

from disclose.audit.log import verify
from disclose.casework import services
from disclose.casework.models import Message, StaffNotification
from disclose.casework.steps import _base

pytestmark = pytest.mark.django_db


class AuditStoreDown(RuntimeError):
    pass


def test_a_step_whose_audit_event_fails_leaves_nothing_behind(
    monkeypatch, django_capture_on_commit_callbacks
):
    office = build_office()
    request = forwarded(office, office.closed_case())
    before = snapshot(request)

    def fail_after_the_changes(**event):
        # By now the part is saved, the case note and the email written.
        assert Message.objects.count() + StaffNotification.objects.count() > 0
        raise AuditStoreDown("the audit table is unavailable")

    monkeypatch.setattr(_base, "record", fail_after_the_changes)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(AuditStoreDown):
            services.decide(
                actor=office.csm_t1, request=request, decision="decline", reason="Not needed."
            )
    assert snapshot(request) == before
    assert callbacks == [] and mail.outbox == []
    assert verify().ok


def test_the_email_goes_only_once_the_step_has_committed(django_capture_on_commit_callbacks):
    office = build_office()
    request = forwarded(office, office.closed_case())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        services.decide(
            actor=office.csm_t1, request=request, decision="decline", reason="Not needed."
        )
        assert mail.outbox == []  # written, kept, not yet sent
    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["jane.doe@example.police.uk"]]
    assert Message.objects.get(request=request, kind="decision_declined").status == "sent"
