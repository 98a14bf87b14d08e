"""The shape of a scenario file, as typed dataclasses (shared/spec/scenarios.md).

Parsing (parse.py) turns YAML into these; nothing here touches the database,
so a file can be checked before any world is built.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from disclose.procedure.decisions import ROUTES
from disclose.procedure.facts import AGENCIES, EXTENTS, HOLDING_KINDS, REQUEST_KINDS, TEAM_KINDS
from disclose.procedure.states import ROLES

__all__ = [
    "AGENCIES",
    "CHANNELS",
    "EXTENTS",
    "HOLDING_KINDS",
    "REQUEST_KINDS",
    "ROLES",
    "ROUTES",
    "TEAM_KINDS",
    "EpisodeSpec",
    "HoldingSpec",
    "PersonSpec",
    "Records",
    "RequestSpec",
    "RequestorSpec",
    "Scenario",
    "StaffSpec",
    "Step",
    "SubjectSpec",
    "TeamSpec",
]

CHANNELS = ("phone", "email", "letter", "portal")
MEDIA = ("framework", "paper", "microfilm")
EPISODE_STATUSES = ("open", "closed")


@dataclass(frozen=True)
class TeamSpec:
    id: str
    name: str
    kind: str
    locality: str | None
    active: bool = True
    closed_on: date | None = None


@dataclass(frozen=True)
class StaffSpec:
    id: str
    name: str
    roles: tuple[str, ...]
    team: str | None = None
    email: str = ""
    phone: str = ""
    job_title: str = ""
    active: bool = True  # false: they have left (contract, December 2026)

    @property
    def first_name(self) -> str:
        return self.name.split(" ", 1)[0] if " " in self.name else self.name

    @property
    def last_name(self) -> str:
        return self.name.split(" ", 1)[1] if " " in self.name else ""


@dataclass(frozen=True)
class PersonSpec:
    id: str
    forename: str
    surname: str
    dob: date | None = None
    aliases: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    known_as: tuple[str, ...] = ()
    nhs_number: str = ""
    sex: str = ""


@dataclass(frozen=True)
class EpisodeSpec:
    person: str
    status: str
    start: date
    end: date | None = None
    team: str | None = None
    worker: str | None = None
    media: tuple[str, ...] = ("framework",)
    cp_plan: bool = False
    mash_only: bool = False


@dataclass(frozen=True)
class HoldingSpec:
    id: str
    person: str
    kind: str
    location: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Records:
    localities: tuple[str, ...] = ()
    teams: tuple[TeamSpec, ...] = ()
    staff: tuple[StaffSpec, ...] = ()
    persons: tuple[PersonSpec, ...] = ()
    episodes: tuple[EpisodeSpec, ...] = ()
    holdings: tuple[HoldingSpec, ...] = ()

    def staff_by_id(self, staff_id: str) -> StaffSpec | None:
        return next((s for s in self.staff if s.id == staff_id), None)


@dataclass(frozen=True)
class RequestorSpec:
    name: str
    agency: str
    email: str = ""
    phone: str = ""
    role: str = ""
    address: str = ""


@dataclass(frozen=True)
class SubjectSpec:
    forename: str
    surname: str
    dob: date | None = None


@dataclass(frozen=True)
class RequestSpec:
    channel: str
    requestor: RequestorSpec
    kind: str
    extent: str
    consent: bool
    details: str
    subjects: tuple[SubjectSpec, ...]
    received: date | None = None  # None: today
    logged_by: str | None = None  # a staff id; None: the first SCIMT officer
    requestor_relationship: str = ""  # section 1: to the people asked about


@dataclass(frozen=True)
class Step:
    n: int  # 1-based, as the trail numbers steps
    actor: str  # the file's `as:`, a staff id
    verb: str  # the file's `do:`
    fields: dict[str, Any] = field(default_factory=dict)  # the verb's fields, checked


@dataclass(frozen=True)
class Scenario:
    path: str
    name: str
    records: Records
    request: RequestSpec
    steps: tuple[Step, ...]
    expect: dict[str, Any] | None = None
    description: str = ""
