"""The sequencer: chains waiting audit events in order (issue 11, item 4).

Events are written without a lock (`log.record`). Here, in the worker, they
get their place in the chain: the chain head is locked (one row; on SQLite
the write lock), the events not yet chained are read in the order written,
and each gets the next `seq` and its link hash. Any number of workers may run
this at once: the lock makes them take turns, and each reads the waiting
events only once it holds the lock, so no event is chained twice.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction

from .hashing import link_hash
from .models import AuditEvent, ChainHead

log = logging.getLogger(__name__)

BATCH = 500


def _waiting() -> bool:
    return AuditEvent.objects.filter(seq__isnull=True).exists()


def chain_waiting(*, batch: int = BATCH) -> int:
    """Chain every event waiting now; return how many were chained."""
    total = 0
    # A cheap read first, so an idle worker never takes the lock.
    while _waiting():
        chained = _chain_batch(batch)
        total += chained
        if chained < batch:
            break
    return total


def _chain_batch(batch: int) -> int:
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        events = list(
            AuditEvent.objects.filter(seq__isnull=True).order_by("id").only("id", "mac")[:batch]
        )
        for event in events:
            event.seq = head.seq + 1
            event.prev_hash = head.hash
            event.hash = link_hash(event.prev_hash, event.seq, event.mac)
            head.seq, head.hash = event.seq, event.hash
        if events:
            AuditEvent.objects.bulk_update(events, ["seq", "prev_hash", "hash"], batch_size=500)
            head.save(update_fields=["seq", "hash"])
    return len(events)


def run_in_background(stop: threading.Event, *, every: float | None = None) -> threading.Thread:
    """Chain waiting events every few seconds, and write a checkpoint when one is due,
    until `stop` is set. `disclose run-worker` runs this beside the job queue."""
    from . import checkpoints

    interval = settings.DISCLOSE_AUDIT_CHAIN_SECONDS if every is None else every

    def loop() -> None:
        while not stop.is_set():
            try:
                chain_waiting()
                checkpoints.write_if_due()
            except Exception:  # keep chaining after a passing fault (a lock timeout, say)
                log.exception("The audit sequencer failed; it will try again.")
            finally:
                close_old_connections()
            stop.wait(interval)
        connection.close()

    thread = threading.Thread(target=loop, name="audit-sequencer", daemon=True)
    thread.start()
    return thread
