"""The demo county: Nottinghamshire's districts, their teams and staff.

Each district has two current social work teams, a team that closed years ago
(its closed cases go to the district's DCPT, procedure 1.2), and a DCPT; the
county has one MASH and the central teams the procedure names.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from .names import Names

# District: (towns, postcode districts, relative caseload).
DISTRICTS = {
    "Ashfield": (("Sutton-in-Ashfield", "Kirkby-in-Ashfield", "Hucknall"), ("NG17", "NG15"), 1.2),
    "Bassetlaw": (("Worksop", "Retford", "Harworth"), ("S80", "S81", "DN22", "DN11"), 1.1),
    "Broxtowe": (("Beeston", "Stapleford", "Eastwood", "Kimberley"), ("NG9", "NG16"), 0.9),
    "Gedling": (("Arnold", "Carlton", "Netherfield", "Gedling"), ("NG5", "NG4"), 0.9),
    "Mansfield": (
        ("Mansfield", "Mansfield Woodhouse", "Forest Town"),
        ("NG18", "NG19", "NG21"),
        1.3,
    ),
    "Newark and Sherwood": (
        ("Newark-on-Trent", "Ollerton", "Southwell", "Balderton"),
        ("NG24", "NG22", "NG25", "NG23"),
        1.0,
    ),
    "Rushcliffe": (
        ("West Bridgford", "Bingham", "Radcliffe-on-Trent", "Cotgrave"),
        ("NG2", "NG12", "NG13", "NG11"),
        0.6,
    ),
}
STREET_ENDINGS = (
    "Road",
    "Street",
    "Close",
    "Avenue",
    "Lane",
    "Drive",
    "Crescent",
    "Way",
    "Gardens",
    "Grove",
    "Court",
    "Walk",
    "Rise",
    "Terrace",
)
_INWARD = "ABDEFGHJLNPQRSTUWXYZ"  # letters a postcode's inward part may use
ADDRESS_KEYS = (
    "ROOM",
    "FLOOR",
    "FLAT",
    "BUILDING",
    "HOUSE",
    "STREET",
    "TOWN",
    "UPRN",
    "EASTING",
    "NORTHING",
)


@dataclass
class DemoTeam:
    team_id: str
    name: str
    kind: str
    locality: str = ""
    closed_on: date | None = None
    workers: list[str] = field(default_factory=list)  # professional ids
    csm: str = ""  # staff ids
    team_manager: str = ""


@dataclass
class DemoStaff:
    professional_id: str
    staff_id: str
    name: str
    job_title: str
    team_id: str


@dataclass
class County:
    teams: dict[str, DemoTeam] = field(default_factory=dict)
    staff: list[DemoStaff] = field(default_factory=list)
    district_names: tuple[str, ...] = tuple(DISTRICTS)
    district_weights: tuple[float, ...] = tuple(d[2] for d in DISTRICTS.values())

    def code(self, district: str) -> str:
        return district[:3].upper()

    def social_work_teams(self, district: str, on: date) -> list[DemoTeam]:
        """The district's social work teams open on a date (closed teams before they closed)."""
        code = self.code(district)
        teams = [self.teams[f"{code}-SW1"], self.teams[f"{code}-SW2"]]
        family = self.teams[f"{code}-FS"]
        return teams + [family] if family.closed_on and on < family.closed_on else teams

    def dcpt(self, district: str) -> DemoTeam:
        return self.teams[f"{self.code(district)}-DCPT"]


def build_county(rng: Random, names: Names) -> County:
    county = County()
    usernames: set[str] = set()

    def hire(team: DemoTeam, title: str) -> DemoStaff:
        sex = rng.choice("MF")
        name = f"{names.forename(sex)} {names.surname()}"
        person = DemoStaff(
            str(100001 + len(county.staff)), _username(name, usernames), name, title, team.team_id
        )
        county.staff.append(person)
        return person

    def team(team_id, name, kind, locality="", closed_on=None, workers=0, title="Social Worker"):
        t = DemoTeam(team_id, name, kind, locality, closed_on)
        county.teams[team_id] = t
        if kind in ("social_work", "dcpt", "mash"):
            t.team_manager = hire(t, "Team Manager").staff_id
        for n in range(workers):
            job = (
                title
                if n % 3
                else rng.choice(
                    (title, "Senior Social Worker", "Advanced Social Work Practitioner")
                )
            )
            t.workers.append(hire(t, job).professional_id)
        return t

    county.teams["CSC"] = DemoTeam("CSC", "Children's Social Care", "other")
    for district in DISTRICTS:
        code = county.code(district)
        sw1 = team(
            f"{code}-SW1",
            f"{district} Children's Social Work Team 1",
            "social_work",
            district,
            workers=5,
        )
        sw2 = team(
            f"{code}-SW2",
            f"{district} Children's Social Work Team 2",
            "social_work",
            district,
            workers=5,
        )
        closed = date(rng.randint(2009, 2016), rng.randint(1, 12), 1) - timedelta(days=1)
        fs = team(
            f"{code}-FS",
            f"{district} Family Support Team",
            "social_work",
            district,
            closed_on=closed,
            workers=3,
        )
        dcpt = team(
            f"{code}-DCPT",
            f"{district} District Child Protection Team",
            "dcpt",
            district,
            workers=4,
        )
        sw1.csm = sw2.csm = hire(sw1, "Children's Service Manager").staff_id
        fs.csm = hire(fs, "Children's Service Manager").staff_id
        dcpt.csm = hire(dcpt, "Children's Service Manager").staff_id
    mash = team("MASH", "Multi-Agency Safeguarding Hub (MASH)", "mash", workers=4)
    mash.csm = hire(mash, "Children's Service Manager").staff_id
    _central_teams(county, team, hire)
    return county


def _central_teams(county: County, team, hire) -> None:
    scimt = team("SCIMT", "Safeguarding Children Information Management Team", "other")
    hire(scimt, "Information Manager")
    for _n in range(3):
        hire(scimt, "Information Management Officer")
    support = team("BS", "Children's Business Support", "other")
    for _district in DISTRICTS:
        hire(support, "Business Support Officer")
    hire(team("LEGAL", "Legal Services (Children)", "other"), "Solicitor")
    hire(team("STS", "Support to Schools Service", "other"), "Group Manager, Support to Schools")
    ig = team("IG", "Information Governance", "other")
    hire(ig, "Information Governance Officer")
    hire(ig, "Information Governance Officer")
    hire(team("SYS", "Children's Systems Team", "other"), "Systems Administrator")


def _username(name: str, taken: set[str]) -> str:
    """Council-style sign-in names: amy.clarke, amy.clarke2."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = ".".join(re.sub(r"[^a-z-]", "", part) for part in plain.split())
    username, n = base, 1
    while username in taken:
        n += 1
        username = f"{base}{n}"
    taken.add(username)
    return username


def address(rng: Random, names: Names, district: str) -> tuple[str, str]:
    """(SSD address JSON, postcode without its space, as SSD extracts give it)."""
    towns, outward, _weight = DISTRICTS[district]
    parts = dict.fromkeys(ADDRESS_KEYS, "")
    if rng.random() < 0.12:
        parts["FLAT"] = f"Flat {rng.randint(1, 24)}"
        parts["BUILDING"] = f"{names.surname()} House"
    else:
        parts["HOUSE"] = str(rng.randint(1, 180))
    parts["STREET"] = f"{names.surname()} {rng.choice(STREET_ENDINGS)}"
    parts["TOWN"] = rng.choice(towns)
    inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD)}{rng.choice(_INWARD)}"
    return json.dumps(parts, separators=(",", ":")), rng.choice(outward) + inward
