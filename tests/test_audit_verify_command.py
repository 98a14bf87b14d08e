"""`disclose audit verify` proves the chain or names the first bad event (issue 6)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from disclose.audit import guard
from disclose.audit.log import record

pytestmark = pytest.mark.django_db


def _tamper(sql: str) -> None:
    # The guard refuses this, as it should; lift it as the table's owner could.
    with guard.suspended(connection), connection.cursor() as cursor:
        cursor.execute(sql)


def test_an_intact_chain_is_verified_with_its_count(capsys):
    for n in range(4):
        record(event_type="test", detail={"n": n})
    call_command("audit", "verify")
    assert "Audit chain verified: 4 events" in capsys.readouterr().out


def test_a_row_altered_in_the_database_fails_and_is_named():
    for n in range(4):
        record(event_type="test", detail={"n": n})
    _tamper("UPDATE audit_auditevent SET event_type = 'innocent' WHERE seq = 3")
    with pytest.raises(CommandError, match=r"event 3 has been altered"):
        call_command("audit", "verify")


def test_a_row_removed_from_the_database_fails_and_is_named():
    for n in range(4):
        record(event_type="test", detail={"n": n})
    _tamper("DELETE FROM audit_auditevent WHERE seq = 2")
    with pytest.raises(CommandError, match=r"event 2 is missing"):
        call_command("audit", "verify")


def test_the_guard_is_back_after_tampering_in_a_test():
    record(event_type="test")
    _tamper("UPDATE audit_auditevent SET event_type = 'x' WHERE seq = 1")
    assert not guard.missing_triggers(connection)
