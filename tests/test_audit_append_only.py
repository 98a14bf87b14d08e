"""Audit events cannot be changed or removed, even with raw SQL (issue 6, point 3)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from disclose.audit import guard
from disclose.audit.log import record, verify
from disclose.audit.models import AuditEvent, ChainHead
from disclose.audit.sequencer import chain_waiting

pytestmark = pytest.mark.django_db


def _refused(sql: str) -> str:
    with pytest.raises(DatabaseError) as caught, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql)
    return str(caught.value)


def test_an_update_of_an_audit_event_by_raw_sql_is_refused():
    record(event_type="test", detail={"n": 1})
    chain_waiting()
    message = _refused("UPDATE audit_auditevent SET detail = '{}' WHERE seq = 1")
    assert "Audit events cannot be changed or deleted" in message
    assert AuditEvent.objects.get(seq=1).detail == {"n": 1}


def test_a_delete_of_an_audit_event_by_raw_sql_is_refused():
    record(event_type="test")
    message = _refused("DELETE FROM audit_auditevent")
    assert "Audit events cannot be changed or deleted" in message
    assert AuditEvent.objects.count() == 1


def test_the_orm_cannot_delete_audit_events_either():
    record(event_type="test")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert verify().ok


@pytest.mark.only_on(
    "postgresql", reason="TRUNCATE exists only on PostgreSQL; SQLite empties a table by DELETE"
)
def test_a_truncate_of_the_audit_table_is_refused_on_postgresql():
    record(event_type="test")
    with connection.cursor() as cursor:
        # Queued foreign-key checks would otherwise block TRUNCATE before the trigger runs.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    message = _refused("TRUNCATE audit_auditevent")
    assert "Audit events cannot be changed or deleted" in message
    assert AuditEvent.objects.count() == 1


def test_new_events_can_still_be_added_and_the_chain_head_moves():
    record(event_type="test")
    record(event_type="test")
    chain_waiting()
    assert ChainHead.objects.get(id=1).seq == 2
    assert not guard.missing_triggers(connection)


def test_flush_still_empties_the_database_and_puts_the_guard_back():
    record(event_type="test")
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    assert not guard.missing_triggers(connection)
    record(event_type="test")
    _refused("DELETE FROM audit_auditevent")


def test_migrate_puts_back_a_guard_that_was_lost():
    # SQLite drops a table's triggers when a migration rebuilds the table.
    guard.remove(connection)
    assert guard.missing_triggers(connection)
    call_command("migrate", verbosity=0)
    assert not guard.missing_triggers(connection)


def test_a_waiting_event_may_be_chained_once_but_never_changed():
    record(event_type="test", detail={"n": 1})
    event = AuditEvent.objects.get()
    # What it says cannot change, even before it is chained.
    message = _refused("UPDATE audit_auditevent SET detail = '{}'")
    assert "Audit events cannot be changed or deleted" in message
    chain_waiting()  # the sequencer's one change: its place in the chain
    message = _refused("UPDATE audit_auditevent SET seq = 7, hash = ''")
    assert "Audit events cannot be changed or deleted" in message
    assert AuditEvent.objects.get(pk=event.pk).seq == 1
    assert verify().ok
