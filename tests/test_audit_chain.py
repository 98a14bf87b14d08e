import pytest
from django.db import connection

from disclose.audit import guard
from disclose.audit.log import record, verify
from disclose.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_untouched_chain_verifies():
    for n in range(3):
        record(event_type="test", detail={"n": n})
    result = verify()
    assert result.ok and result.events == 3


def test_an_altered_event_is_named():
    for n in range(3):
        record(event_type="test", detail={"n": n})
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq=2).update(detail={"n": 99})
    result = verify()
    assert not result.ok
    assert result.first_bad_seq == 2
    assert "event 2 has been altered" in result.problem


def test_a_deleted_event_is_named():
    for n in range(3):
        record(event_type="test", detail={"n": n})
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq=2).delete()
    result = verify()
    assert not result.ok and result.first_bad_seq == 2
    assert "missing" in result.problem


def test_a_deleted_last_event_is_named():
    for n in range(3):
        record(event_type="test", detail={"n": n})
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq=3).delete()
    result = verify()
    assert not result.ok and result.first_bad_seq == 3
