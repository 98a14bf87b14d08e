"""Events written before the key (issue 15) are checked, then sealed under it (audit 0004)."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from disclose.audit import guard
from disclose.audit.log import verify
from disclose.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
migration = importlib.import_module("disclose.audit.migrations.0004_keyed_chain_sequencer")


def _old_chain(n: int) -> None:
    """Events as the unkeyed SHA-256 chain wrote them before this migration."""
    prev = migration.GENESIS
    for seq in range(1, n + 1):
        event = AuditEvent(
            seq=seq, at=timezone.now(), category="access", event_type="person_viewed",
            detail={"n": seq}, prev_hash=prev,
        )  # fmt: skip
        event.hash = migration._unkeyed(event, prev)
        event.save()
        prev = event.hash


def test_an_intact_old_chain_is_sealed_under_the_key():
    _old_chain(3)
    assert not verify().ok  # not keyed yet
    with guard.suspended(connection):
        migration.seal_under_key(apps, None)
    result = verify()
    assert result.ok and result.events == 3


def test_a_broken_old_chain_stops_the_migration_and_is_left_as_it_was():
    _old_chain(3)
    with guard.suspended(connection):
        AuditEvent.objects.filter(seq=2).update(detail={"n": 99})
        with pytest.raises(RuntimeError, match="The audit chain is broken at event 2"):
            migration.seal_under_key(apps, None)
    assert not AuditEvent.objects.exclude(mac="").exists()
