"""Proving the audit trail: the chain, the events not yet chained, and the checkpoints.

`verify` walks the chain in order and names the first event altered or
missing; checks each event still waiting for the sequencer against its own
MAC; then holds the chain up to every signed checkpoint outside the database,
which shows events cut off the end or a table put back from an older backup.
"""

from dataclasses import dataclass

from . import checkpoints as checkpoint_files
from .hashing import GENESIS, event_mac, link_hash, same
from .models import AuditEvent, ChainHead


@dataclass(frozen=True)
class Verification:
    ok: bool
    events: int
    problem: str = ""
    first_bad_seq: int | None = None
    waiting: int = 0
    checkpoints: int = 0
    latest: checkpoint_files.Checkpoint | None = None


def _missing(first: int, last: int) -> str:
    return f"event {first} is missing" if first == last else f"events {first} to {last} are missing"


def verify(*, against_checkpoints: bool = True) -> Verification:
    """Everything that can be proved without the events' original copies."""
    wanted = checkpoint_files.load() if against_checkpoints else []
    at_seq = {c.seq for c in wanted}
    seen: dict[int, str] = {}
    prev_hash, expected, count = GENESIS, 1, 0
    chained = AuditEvent.objects.filter(seq__isnull=False).order_by("seq")
    for event in chained.iterator(chunk_size=2000):
        if event.seq != expected:
            return Verification(False, count, _missing(expected, event.seq - 1), expected)
        if (
            not same(event.mac, event_mac(event))
            or event.prev_hash != prev_hash
            or not same(event.hash, link_hash(prev_hash, event.seq, event.mac))
        ):
            return Verification(False, count, f"event {event.seq} has been altered", event.seq)
        if event.seq in at_seq:
            seen[event.seq] = event.hash
        prev_hash, expected, count = event.hash, expected + 1, count + 1
    head = ChainHead.objects.filter(id=1).first()
    if head and head.seq > count:
        return Verification(False, count, _missing(count + 1, head.seq), count + 1)
    if count and (head is None or head.seq < count):
        moved = f"the chain head has been moved back: the chain goes on to event {count}"
        return Verification(False, count, moved, head.seq + 1 if head else 1)
    waiting = 0
    for event in AuditEvent.objects.filter(seq__isnull=True).order_by("id").iterator():
        if not same(event.mac, event_mac(event)):
            problem = f"event #{event.pk}, not yet chained, has been altered"
            return Verification(False, count + waiting, problem)
        waiting += 1
    problem, first_bad = _against(wanted, seen, count)
    latest = wanted[-1] if wanted else None
    total = count + waiting
    return Verification(not problem, total, problem, first_bad, waiting, len(wanted), latest)


def _against(
    wanted: list[checkpoint_files.Checkpoint], seen: dict[int, str], count: int
) -> tuple[str, int | None]:
    """The first checkpoint the chain does not hold, in words, and the first event at fault."""
    matched = 0
    for point in wanted:
        if not point.signed:
            return (
                f"the checkpoint {point.path.name} is not signed with this installation's "
                "audit key: it has been changed, or it is not from here",
                None,
            )
        if point.seq > count:
            return (
                f"{_missing(count + 1, point.seq)}: the checkpoint of {point.when} "
                f"saw the chain reach event {point.seq}",
                count + 1,
            )
        if point.seq and not same(seen.get(point.seq, ""), point.hash):
            return (
                f"event {point.seq} differs from the checkpoint of {point.when}: "
                f"events {matched + 1} to {point.seq} are not the ones that were there",
                point.seq,
            )
        matched = point.seq
    return "", None
