"""Writing audit events: at once, without a lock (issue 11, item 4).

An event is one INSERT with a keyed MAC of its own content. It joins the hash
chain within seconds, when the sequencer in the worker gives it its place
(`sequencer.chain_waiting`); `verify` covers events chained and not yet chained.
So a page view never queues behind other page views on one row lock, and a
step's event still commits or rolls back with the step's own transaction.
"""

import json

from django.utils import timezone

from .hashing import GENESIS, event_mac
from .models import AuditEvent
from .verify import Verification, verify

__all__ = ["GENESIS", "Verification", "record", "record_access", "verify"]


def record(
    *,
    event_type: str,
    actor=None,
    person=None,
    request_reference: str = "",
    detail: dict | None = None,
    category: str = AuditEvent.Category.CHANGE,
) -> AuditEvent:
    """Add one event, inside the caller's transaction if there is one."""
    event = AuditEvent(
        at=timezone.now(),
        category=category,
        event_type=event_type,
        actor=actor,
        person=person,
        request_reference=request_reference,
        # Stored as JSON reads it back, so the MAC is over what verify will see.
        detail=json.loads(json.dumps(detail or {}, default=str)),
    )
    event.mac = event_mac(event)
    event.save(force_insert=True)
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
