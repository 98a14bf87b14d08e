"""What the rules read: facts about a request, its subjects and the council."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

AGENCIES = (
    "police",
    "cafcass",
    "social_care",  # social workers from other local authorities
    "fostering_agency",  # e.g. Independent Fostering Agencies
    "ofsted",
    "probation",
    "health",
    "other",
)

REQUEST_KINDS = (
    "information",
    "view_records",
    "own_records",
    "own_adoption_records",
    "school_incident_notification",
)

EXTENTS = ("specific", "extensive")

HOLDING_KINDS = ("paper", "microfilm")

TEAM_KINDS = ("social_work", "dcpt", "mash", "other")


@dataclass(frozen=True)
class TeamFacts:
    ref: str
    name: str
    kind: str
    locality: str | None
    active: bool
    csm: str | None = None
    team_manager: str | None = None


@dataclass(frozen=True)
class EpisodeFacts:
    start: date
    end: date | None
    team: TeamFacts | None  # the team the case was last allocated to
    worker: str | None = None  # on an open episode, None means unallocated

    @property
    def is_open(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class SubjectFacts:
    known: bool
    episodes: tuple[EpisodeFacts, ...] = ()
    mash_contacts: int = 0
    holdings: tuple[str, ...] = ()
    cp_plan: bool = False
    cp_plan_dates: tuple[tuple[date, date | None], ...] = ()


@dataclass(frozen=True)
class CouncilFacts:
    dcpts: Mapping[str, TeamFacts] = field(default_factory=dict)  # locality -> its DCPT
    mash: TeamFacts | None = None


@dataclass(frozen=True)
class RequestFacts:
    kind: str = "information"
    extent: str = "specific"
    agency: str = "other"
    consent: bool = True
