"""Where a case was last allocated, from `ssd_involvements` (DESIGN: records/).

Routing (procedure 1.2, 1.3) needs the team the case was last allocated to and,
for an open case, the worker who holds it now: an open case whose allocations
have all ended is unallocated.
"""

from dataclasses import dataclass
from datetime import date

from .spool import Spool
from .tables import INVOLVEMENTS

_EARLY, _LATE = date.min, date.max


@dataclass(slots=True)  # one per episode: a million of them must be small
class Allocation:
    last_order: tuple = (_EARLY, _EARLY)
    last_team: str | None = None
    last_worker: str | None = None
    current_start: date = _EARLY
    current_worker: str | None = None  # an involvement with no end date
    current_team: str | None = None


def allocations(extract: Spool, worker_team: dict[str, str | None]) -> dict[str, Allocation]:
    """For each referral id, its last allocation and its current worker, if any."""
    found: dict[str, Allocation] = {}
    for row in extract.rows(INVOLVEMENTS):
        referral = row.get("invo_referral_id")
        if not referral:
            continue
        worker = row.get("invo_professional_id") or None
        start = row.get("invo_involvement_start_date") or _EARLY
        end = row.get("invo_involvement_end_date")
        team = row.get("invo_professional_team") or (worker and worker_team.get(worker)) or None
        item = found.setdefault(referral, Allocation())
        order = (start, end or _LATE)
        if order >= item.last_order:
            item.last_order, item.last_team, item.last_worker = order, team, worker
        if end is None and worker and start >= item.current_start:
            item.current_start, item.current_worker, item.current_team = start, worker, team
    return found


def episode_allocation(row: dict, found: dict[str, Allocation]) -> tuple[str | None, str | None]:
    """(team id, professional id) for one `ssd_cin_episodes` row.

    With no involvements, the referral's own team and worker are all there is.
    """
    item = found.get(row["cine_referral_id"])
    referral_team = row.get("cine_referral_team") or None
    if item is None:
        return referral_team, row.get("cine_referral_worker_id") or None
    if row.get("cine_close_date") is None:
        team = item.current_team if item.current_worker else item.last_team
        return team or referral_team, item.current_worker
    return item.last_team or referral_team, item.last_worker
