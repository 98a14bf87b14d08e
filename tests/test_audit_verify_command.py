"""`disclose audit verify` proves the chain or names the first bad event (issue 6)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from disclose.audit import guard
from disclose.audit.log import record
from disclose.audit.sequencer import chain_waiting

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
    chain_waiting()
    _tamper("UPDATE audit_auditevent SET event_type = 'innocent' WHERE seq = 3")
    with pytest.raises(CommandError, match=r"event 3 has been altered"):
        call_command("audit", "verify")


def test_a_row_removed_from_the_database_fails_and_is_named():
    for n in range(4):
        record(event_type="test", detail={"n": n})
    chain_waiting()
    _tamper("DELETE FROM audit_auditevent WHERE seq = 2")
    with pytest.raises(CommandError, match=r"event 2 is missing"):
        call_command("audit", "verify")


def test_the_guard_is_back_after_tampering_in_a_test():
    record(event_type="test")
    _tamper("UPDATE audit_auditevent SET event_type = 'x' WHERE seq = 1")
    assert not guard.missing_triggers(connection)


def test_checkpoint_writes_a_signed_file_and_verify_holds_the_chain_to_it(capsys, settings):
    for n in range(3):
        record(event_type="test", detail={"n": n})
    call_command("audit", "checkpoint")
    out = capsys.readouterr().out
    assert "the chain is at event 3" in out
    assert len(list(settings.DISCLOSE_AUDIT_CHECKPOINT_DIR.glob("checkpoint-*.json"))) == 1
    call_command("audit", "verify")
    assert "It matches 1 checkpoint; the latest" in capsys.readouterr().out


def test_verify_warns_when_there_is_no_checkpoint(capsys):
    record(event_type="test")
    call_command("audit", "verify")
    captured = capsys.readouterr()
    assert "Audit chain verified: 1 events (1 not yet chained)" in captured.out
    assert "there are no checkpoints" in captured.err


def test_verify_names_the_missing_events_when_the_end_is_cut_off():
    for n in range(4):
        record(event_type="test", detail={"n": n})
    call_command("audit", "checkpoint")
    _tamper("DELETE FROM audit_auditevent WHERE seq = 4")
    _tamper("UPDATE audit_chainhead SET seq = 3")
    with pytest.raises(
        CommandError, match=r"event 4 is missing: the checkpoint of .* reach event 4"
    ):
        call_command("audit", "verify")


def test_chain_chains_the_waiting_events(capsys):
    record(event_type="test")
    record(event_type="test")
    call_command("audit", "chain")
    assert "Chained 2 waiting events." in capsys.readouterr().out
