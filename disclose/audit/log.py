"""Writing and verifying the audit chain."""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, ChainHead

GENESIS = "0" * 64


def _digest(
    prev_hash: str,
    seq: int,
    at: str,
    category: str,
    event_type: str,
    actor_id,
    person_id,
    request_reference: str,
    detail: dict,
) -> str:
    payload = json.dumps(
        [prev_hash, seq, at, category, event_type, actor_id, person_id, request_reference, detail],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _event_digest(event: AuditEvent, prev_hash: str) -> str:
    return _digest(
        prev_hash,
        event.seq,
        event.at.isoformat(),
        event.category,
        event.event_type,
        event.actor_id,
        event.person_id,
        event.request_reference,
        event.detail,
    )


def record(
    *,
    event_type: str,
    actor=None,
    person=None,
    request_reference: str = "",
    detail: dict | None = None,
    category: str = AuditEvent.Category.CHANGE,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction if there is one."""
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            category=category,
            event_type=event_type,
            actor=actor,
            person=person,
            request_reference=request_reference,
            detail=json.loads(json.dumps(detail or {}, default=str)),
            prev_hash=head.hash,
        )
        event.hash = _event_digest(event, head.hash)
        event.save()
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
    return event


def record_access(
    *, event_type: str, actor, person=None, request_reference: str = "", detail: dict | None = None
) -> AuditEvent:
    """An access event: someone searched for or looked at a person's record."""
    return record(
        event_type=event_type,
        actor=actor,
        person=person,
        request_reference=request_reference,
        detail=detail,
        category=AuditEvent.Category.ACCESS,
    )


@dataclass(frozen=True)
class Verification:
    ok: bool
    events: int
    problem: str = ""
    first_bad_seq: int | None = None


def verify() -> Verification:
    """Walk the chain in order; name the first altered or missing event."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return Verification(False, count, f"event {expected_seq} is missing", expected_seq)
        if event.prev_hash != prev_hash or _event_digest(event, prev_hash) != event.hash:
            return Verification(False, count, f"event {event.seq} has been altered", event.seq)
        prev_hash, expected_seq, count = event.hash, expected_seq + 1, count + 1
    head = ChainHead.objects.filter(id=1).first()
    if head and head.seq != count:
        return Verification(False, count, f"event {count + 1} is missing", count + 1)
    return Verification(True, count)
