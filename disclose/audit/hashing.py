"""The keyed hashes that make the audit trail tamper-evident (issue 15, item 2).

Each event gets a MAC of its own content when it is written; the sequencer
then links it into the chain with a second MAC over the previous link, its
place in the chain and its own MAC. Both are HMAC-SHA256 under
DISCLOSE_AUDIT_KEY, which the database does not hold: someone who can write the
database file can change rows, but cannot make the hashes match again.
"""

import hashlib
import hmac
import json

from django.conf import settings

GENESIS = "0" * 64


def _key(purpose: str) -> bytes:
    """One key per purpose, derived from the setting, so an event's MAC can never
    pass for a checkpoint's signature or the other way round."""
    master = settings.DISCLOSE_AUDIT_KEY.encode("utf-8")
    return hmac.new(master, purpose.encode("ascii"), hashlib.sha256).digest()


def _mac(purpose: str, value: object) -> str:
    payload = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(_key(purpose), payload.encode("utf-8"), hashlib.sha256).hexdigest()


def event_mac(event) -> str:
    """What the event says: when, what, who, about whom, under which request, and detail."""
    return _mac(
        "audit-event",
        [
            event.at.isoformat(),
            event.category,
            event.event_type,
            event.actor_id,
            event.person_id,
            event.request_reference,
            event.detail,
        ],
    )


def link_hash(prev_hash: str, seq: int, mac: str) -> str:
    """The event's link in the chain: its place and content, and everything before it."""
    return _mac("audit-chain", [prev_hash, seq, mac])


def checkpoint_signature(fields: dict) -> str:
    return _mac("audit-checkpoint", fields)


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))
