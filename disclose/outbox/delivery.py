"""Delivering the outbox: run by the worker (tasks.py), and by tests directly.

Each run claims a batch of due items in a short transaction (so two workers
never take the same item), delivers them with no transaction open, then
records each outcome. An item that fails waits and is tried again later, each
wait twice the last (settings.OUTBOX_RETRY_SECONDS up to
OUTBOX_RETRY_MAX_SECONDS); after OUTBOX_MAX_ATTEMPTS it is `failed` for good,
until an administrator retries it. A worker that dies mid-send leaves its
batch `sending`; when the claim runs out (OUTBOX_LEASE_SECONDS) any worker
takes it again. Delivery is therefore at least once, never at most once: the
item's key (the Message-ID, the entry id) lets the receiver see a repeat.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from . import alerts, mail, record_system
from .errors import Permanent
from .models import Outgoing


@dataclass
class Counts:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"delivered": self.delivered, "retrying": self.retrying, "failed": self.failed}


def deliver_due(*, now: datetime | None = None, limit: int | None = None) -> dict[str, int]:
    """Deliver every item due now (at most `limit`); how many went, will be
    tried again, or failed for good."""
    counts = Counts()
    taken = 0
    while limit is None or taken < limit:
        size = _setting("OUTBOX_BATCH", 100)
        batch = _claim(now or timezone.now(), size if limit is None else min(size, limit - taken))
        if not batch:
            break
        taken += len(batch)

        def settle(item: Outgoing, error: Exception | None) -> None:
            _settle(item, error, now or timezone.now(), counts)

        mail.send([i for i in batch if i.channel == Outgoing.Channel.EMAIL], settle)
        record_system.send(
            [i for i in batch if i.channel == Outgoing.Channel.RECORD_SYSTEM], settle
        )
    alerts.alert_administrators()
    return counts.as_dict()


def next_due() -> datetime | None:
    """When the next item falls due: a retry, or a claim that runs out."""
    channels = _channels()
    waiting = Outgoing.objects.filter(status=Outgoing.Status.WAITING, channel__in=channels)
    sending = Outgoing.objects.filter(status=Outgoing.Status.SENDING, channel__in=channels)
    times = [
        waiting.aggregate(t=Min("next_attempt_at"))["t"],
        sending.aggregate(t=Min("claimed_until"))["t"],
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None


def backoff(attempts: int) -> timedelta:
    """How long to wait after the n-th failed attempt."""
    base = _setting("OUTBOX_RETRY_SECONDS", 30)
    cap = _setting("OUTBOX_RETRY_MAX_SECONDS", 3600)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def retry(item: Outgoing, *, now: datetime | None = None) -> None:
    """An administrator's retry: the item waits again, to go at once."""
    from .tasks import schedule_delivery

    Outgoing.objects.filter(pk=item.pk).exclude(status=Outgoing.Status.DELIVERED).update(
        status=Outgoing.Status.WAITING,
        attempts=0,
        next_attempt_at=now or timezone.now(),
        claim=None,
        claimed_until=None,
        alerted=False,
    )
    schedule_delivery()


def _channels() -> list[str]:
    """Record-system entries wait, untried, until a record system is configured."""
    channels = [Outgoing.Channel.EMAIL]
    if record_system.adapter() is not None:
        channels.append(Outgoing.Channel.RECORD_SYSTEM)
    return channels


def _claim(now: datetime, size: int) -> list[Outgoing]:
    """Take up to `size` due items: waiting ones whose time has come, and ones
    a worker claimed and never finished. SQLite takes one writer at a time
    (settings: IMMEDIATE transactions); PostgreSQL skips rows another worker
    has locked."""
    claim = uuid.uuid4()
    due = Q(status=Outgoing.Status.WAITING, next_attempt_at__lte=now) | Q(
        status=Outgoing.Status.SENDING, claimed_until__lt=now
    )
    with transaction.atomic():
        ids = list(
            Outgoing.objects.select_for_update(skip_locked=True)
            .filter(due, channel__in=_channels())
            .order_by("next_attempt_at", "id")
            .values_list("pk", flat=True)[:size]
        )
        Outgoing.objects.filter(pk__in=ids).update(
            status=Outgoing.Status.SENDING,
            claim=claim,
            claimed_until=now + timedelta(seconds=_setting("OUTBOX_LEASE_SECONDS", 300)),
            attempts=F("attempts") + 1,
        )
    return list(Outgoing.objects.filter(pk__in=ids, claim=claim).order_by("id"))


def _settle(item: Outgoing, error: Exception | None, now: datetime, counts: Counts) -> None:
    """Record one outcome, if this worker still holds the item."""
    held = Outgoing.objects.filter(pk=item.pk, claim=item.claim)
    if error is None:
        counts.delivered += held.update(
            status=Outgoing.Status.DELIVERED,
            delivered_at=now,
            last_error="",
            claim=None,
            claimed_until=None,
        )
        return
    final = isinstance(error, Permanent) or item.attempts >= _setting("OUTBOX_MAX_ATTEMPTS", 10)
    held.update(
        status=Outgoing.Status.FAILED if final else Outgoing.Status.WAITING,
        next_attempt_at=now + backoff(item.attempts),
        last_error=_words(error),
        claim=None,
        claimed_until=None,
    )
    if final:
        counts.failed += 1
    else:
        counts.retrying += 1


def _words(error: Exception) -> str:
    return (f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)[:1000]


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))
