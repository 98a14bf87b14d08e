"""What the steps' pre-checks read: one request as plain facts.

The services build these inside the step's transaction, from the locked rows;
the pages build them from what they have read. Both then ask the same
questions of them (procedure/steps.py), so a button shown is a step that will
go ahead, and a step refused is a button not shown.
"""

from dataclasses import dataclass

from .hard_copies import ItemFacts
from .states import Part


@dataclass(frozen=True)
class ListFacts:
    """A list of hard copies asked for on one part (2.2)."""

    state: str
    approver: str | None  # staff ref of the CSM who must decide
    approver_name: str = ""
    approver_active: bool = True
    items: tuple[ItemFacts, ...] = ()
    deciders: frozenset[str] = frozenset()  # the CSMs who must decide or decided it


@dataclass(frozen=True)
class PartFacts:
    number: int
    state: str
    assignee: str | None = None
    route: str | None = None
    matched: bool = False
    worker: str | None = None
    holdings_in_storage: frozenset[str] = frozenset()  # kinds: paper, microfilm
    hard_copy_lists: tuple[ListFacts, ...] = ()
    clock_stopped: bool = False  # this part's own clock
    assignee_team: str | None = None  # the holder's own team (reassign: a manager's own)
    assignee_active: bool = True  # False: the holder has left, and the part waits for reassign
    identity_checked: bool = True  # states.Part

    def as_part(self) -> Part:
        return Part(
            state=self.state,
            assignee=self.assignee,
            route=self.route,
            identity_checked=self.identity_checked,
        )


@dataclass(frozen=True)
class HoldingFacts:
    """A paper file or microfilm asked for on this request: its latest movement."""

    key: int
    last: str  # requested, retrieved, returned


@dataclass(frozen=True)
class Case:
    state: str
    parts: tuple[PartFacts, ...] = ()
    owner: str | None = None  # the SCIMT officer who logged it
    holders: frozenset[str] = frozenset()  # who holds a part now, or decides its hard copies
    triaged: bool = False
    files_out: int = 0
    documents: int = 0
    clock_stopped: bool = False  # the whole request's clock (before forward)
    forward_problems: tuple[str, ...] = ()  # routes with nobody to hold them (2.1)
    # Parts waiting to be forwarded whose route has someone to hold it: forward
    # goes ahead for these, and the others wait until their record is put right.
    forward_ready: tuple[int, ...] = ()
    reference: str = ""  # the request's (a requestor acts on their own: Actor.requests)

    def part(self, number: int) -> PartFacts | None:
        return next((p for p in self.parts if p.number == number), None)
