"""The audit chain: keyed, chained by the sequencer, anchored by checkpoints (issues 6, 11, 15)."""

import pytest
from django.db import connection
from django.test import override_settings

from disclose.audit import checkpoints, guard
from disclose.audit.hashing import GENESIS, event_mac, link_hash
from disclose.audit.log import record, verify
from disclose.audit.models import AuditEvent, ChainHead
from disclose.audit.sequencer import chain_waiting

pytestmark = pytest.mark.django_db


def _events(n: int) -> None:
    for i in range(n):
        record(event_type="test", detail={"n": i})
    chain_waiting()


def test_an_untouched_chain_verifies():
    _events(3)
    result = verify()
    assert result.ok and result.events == 3 and result.waiting == 0


def test_events_are_written_unchained_and_verified_while_they_wait():
    record(event_type="test", detail={"n": 1})
    record(event_type="test", detail={"n": 2})
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [None, None]
    result = verify()
    assert result.ok and result.events == 2 and result.waiting == 2

    assert chain_waiting() == 2
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [1, 2]
    assert ChainHead.objects.get(id=1).seq == 2
    assert verify().waiting == 0


def test_a_waiting_event_that_is_altered_is_named():
    event = record(event_type="test", detail={"n": 1})
    with guard.suspended(connection):
        AuditEvent.objects.filter(pk=event.pk).update(detail={"n": 99})
    result = verify()
    assert not result.ok
    assert f"event #{event.pk}, not yet chained, has been altered" in result.problem


def test_an_altered_event_is_named():
    _events(3)
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq=2).update(detail={"n": 99})
    result = verify()
    assert not result.ok
    assert result.first_bad_seq == 2
    assert "event 2 has been altered" in result.problem


def test_a_deleted_event_is_named():
    _events(3)
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq=2).delete()
    result = verify()
    assert not result.ok and result.first_bad_seq == 2
    assert "event 2 is missing" in result.problem


def test_a_deleted_last_event_is_named():
    _events(3)
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq=3).delete()
    result = verify()
    assert not result.ok and result.first_bad_seq == 3


# The three attacks of issue 15, by someone who can write the database (here: with the
# append-only triggers dropped) but does not hold DISCLOSE_AUDIT_KEY.


def _rechain(key: str) -> None:
    """Recompute every event's MAC and link, and the head, as an attacker would."""
    with override_settings(DISCLOSE_AUDIT_KEY=key):
        prev = GENESIS
        for event in AuditEvent.objects.order_by("seq"):
            event.mac = event_mac(event)
            event.prev_hash, event.hash = prev, link_hash(prev, event.seq, event.mac)
            event.save(update_fields=["mac", "prev_hash", "hash"])
            prev = event.hash
        ChainHead.objects.filter(id=1).update(hash=prev)


def test_an_event_changed_and_rechained_with_the_triggers_dropped_is_detected():
    _events(5)
    guard.remove(connection)  # what someone with the database file can do
    try:
        AuditEvent.objects.filter(seq=3).update(event_type="innocent", detail={})
        _rechain(key="a guess at the key")
    finally:
        guard.install(connection)
    result = verify()
    assert not result.ok
    assert result.first_bad_seq == 1  # every MAC is wrong under the real key
    assert "event 1 has been altered" in result.problem


def test_the_last_events_deleted_and_the_head_reset_are_detected_by_the_checkpoint():
    _events(5)
    checkpoints.write()
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq__gt=3).delete()
        ChainHead.objects.filter(id=1).update(seq=3, hash=AuditEvent.objects.get(seq=3).hash)
    # What is left is a valid chain: only the checkpoint outside the database shows the cut.
    assert verify(against_checkpoints=False).ok
    result = verify()
    assert not result.ok and result.first_bad_seq == 4
    assert "events 4 to 5 are missing: the checkpoint of" in result.problem
    assert "saw the chain reach event 5" in result.problem


def _older_copy() -> list[dict]:
    return list(AuditEvent.objects.order_by("seq").values())


def _put_back(rows: list[dict]) -> None:
    with guard.suspended(connection):
        AuditEvent.objects.all().delete()
        AuditEvent.objects.bulk_create([AuditEvent(**row) for row in rows])
        last = rows[-1]
        ChainHead.objects.filter(id=1).update(seq=last["seq"], hash=last["hash"])


def test_the_whole_table_replaced_from_an_older_backup_is_detected():
    _events(3)
    backup = _older_copy()
    _events(3)
    checkpoints.write()
    _put_back(backup)
    result = verify()
    assert not result.ok and result.first_bad_seq == 4
    assert "events 4 to 6 are missing" in result.problem


def test_an_older_backup_that_carried_on_is_detected_where_it_differs():
    _events(3)
    backup = _older_copy()
    _events(3)
    checkpoints.write()
    _put_back(backup)
    record(event_type="written after the swap")
    _events(2)  # the chain reaches event 6 again, by other events
    result = verify()
    assert not result.ok and result.first_bad_seq == 6
    assert "event 6 differs from the checkpoint of" in result.problem
    assert "events 1 to 6 are not the ones that were there" in result.problem


def test_a_changed_checkpoint_is_named():
    _events(2)
    point = checkpoints.write()
    point.path.write_text(point.path.read_text().replace('"seq": 2', '"seq": 1'))
    result = verify()
    assert not result.ok
    assert f"the checkpoint {point.path.name} is not signed with this installation's" in (
        result.problem
    )


def test_a_chain_that_holds_its_checkpoints_verifies_and_says_which():
    _events(2)
    checkpoints.write()
    _events(2)
    latest = checkpoints.write()
    result = verify()
    assert result.ok and result.checkpoints == 2 and result.latest.seq == latest.seq == 4
