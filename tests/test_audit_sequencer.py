"""The sequencer chains events written without a lock, in the worker (issue 11, item 4)."""

import signal
import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from disclose.audit import checkpoints
from disclose.audit.log import record, record_access, verify
from disclose.audit.models import AuditEvent, ChainHead
from disclose.audit.sequencer import chain_waiting, run_in_background

needs_postgresql = pytest.mark.only_on(
    "postgresql",
    reason="needs PostgreSQL's row locks and connections from several threads",
)


def _run_worker_batch() -> None:
    """`disclose run-worker --batch` in this process (see test_reminders_worker.py)."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("run_worker", batch=True, interval=0, verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


@pytest.mark.django_db
def test_the_worker_chains_waiting_events_and_writes_the_first_checkpoint():
    for n in range(3):
        record_access(event_type="person_viewed", actor=None, detail={"n": n})
    _run_worker_batch()
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [1, 2, 3]
    [point] = checkpoints.load()
    assert point.signed and point.seq == 3
    assert verify().ok


@pytest.mark.django_db
def test_a_checkpoint_is_written_once_a_day_not_on_every_round(settings):
    settings.DISCLOSE_AUDIT_CHECKPOINT_HOURS = 24
    record(event_type="test")
    chain_waiting()
    now = timezone.now()
    assert checkpoints.write_if_due(now) is not None
    assert checkpoints.write_if_due(now + timedelta(hours=23)) is None
    record(event_type="test")
    chain_waiting()
    later = checkpoints.write_if_due(now + timedelta(hours=24, minutes=1))
    assert later is not None and later.seq == 2
    assert [c.seq for c in checkpoints.load()] == [1, 2]


@pytest.mark.django_db
def test_no_checkpoint_of_an_empty_chain():
    assert checkpoints.write_if_due() is None
    assert checkpoints.load() == []


def _in_threads(*jobs) -> list:
    errors: list = []
    start = threading.Barrier(len(jobs))

    def run(job) -> None:
        try:
            start.wait()
            job()
        except Exception as error:  # noqa: BLE001 - kept to assert on
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_chaining_at_once_chain_every_event_exactly_once():
    writing = threading.Event()
    per_writer = 60

    def write() -> None:
        for n in range(per_writer):
            record_access(event_type="person_viewed", actor=None, detail={"n": n})

    def sequence() -> None:
        # Small batches, again and again, so the two workers really do meet.
        while not writing.is_set():
            chain_waiting(batch=3)
        chain_waiting(batch=3)

    def writers() -> None:
        try:
            assert not _in_threads(write, write, write)
        finally:
            writing.set()

    errors = _in_threads(writers, sequence, sequence)
    assert not errors, errors
    chain_waiting()
    total = 3 * per_writer
    seqs = sorted(AuditEvent.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, total + 1))
    assert ChainHead.objects.get(id=1).seq == total
    result = verify()
    assert result.ok and result.events == total and result.waiting == 0


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_background_sequencer_chains_new_events_within_seconds():
    stop = threading.Event()
    thread = run_in_background(stop, every=0.1)
    try:
        for n in range(5):
            record(event_type="test", detail={"n": n})
        deadline = time.monotonic() + 20
        while AuditEvent.objects.filter(seq__isnull=True).exists():
            assert time.monotonic() < deadline, "events still waiting after 20 s"
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert verify().ok and ChainHead.objects.get(id=1).seq == 5
