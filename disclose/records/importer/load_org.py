"""Loading the organisation: localities, teams, workers (as Staff) and their roles."""

import re
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from disclose.records.models import Locality, Role, Staff, Team

from .spool import Spool
from .tables import DEPARTMENT, PROFESSIONALS, TEAMS
from .upsert import Outcome, TableCount, existing_rows, upsert

# Roles a job title makes obvious. Order matters: a "Social Work Team Manager"
# manages a team; a "Children's Service Manager" is a CSM (procedure 1.2, 1.3).
_ROLE_PATTERNS = (
    (re.compile(r"service manager", re.I), Role.Code.CSM),
    (re.compile(r"team manager", re.I), Role.Code.TEAM_MANAGER),
    (re.compile(r"social work", re.I), Role.Code.SOCIAL_WORKER),
    (re.compile(r"business support", re.I), Role.Code.BUSINESS_SUPPORT),
)


def roles_for(job_title: str) -> list[str]:
    """The role a job title makes obvious, if any."""
    for pattern, code in _ROLE_PATTERNS:
        if pattern.search(job_title or ""):
            return [code]
    return []


def split_name(name: str) -> tuple[str, str]:
    """'Amy Clarke' or 'Clarke, Amy' -> ('Amy', 'Clarke')."""
    name = " ".join(name.split())
    if "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
        return first[:150], last[:150]
    first, _, last = name.rpartition(" ")
    return (first[:150], last[:150]) if first else (last[:150], "")


@dataclass
class Organisation:
    team_pk: dict[str, int] = field(default_factory=dict)
    staff_pk: dict[str, int] = field(default_factory=dict)  # by professional id
    worker_team: dict[str, str | None] = field(default_factory=dict)  # professional -> team id


def _rows(extract: Spool, spec, progress) -> list[dict]:
    return list(extract.rows(spec, progress))


def load_organisation(extract: Spool, counts: dict[str, TableCount], progress=None) -> Organisation:
    departments = _rows(extract, DEPARTMENT, progress)
    professionals = _rows(extract, PROFESSIONALS, progress)
    settings = _rows(extract, TEAMS, progress)
    counts["localities"] = _load_localities(settings)
    teams = _load_teams(departments, settings)
    org = Organisation(team_pk=dict(Team.objects.values_list("team_id", "pk")))
    staff = _load_staff(professionals, org)
    teams.merge(_load_managers(settings, org))
    counts["teams"] = teams.count()
    counts["staff"] = staff.count()
    org.worker_team = {
        p["prof_professional_id"]: p.get("prof_professional_department") or None
        for p in professionals
    }
    return org


def _load_localities(settings: list[dict]) -> TableCount:
    names = {row["locality"] for row in settings if row.get("locality")}
    existing = set(Locality.objects.filter(name__in=names).values_list("name", flat=True))
    Locality.objects.bulk_create([Locality(name=n) for n in sorted(names - existing)])
    return TableCount(created=len(names - existing), unchanged=len(names & existing))


def _load_teams(departments: list[dict], settings: list[dict]) -> Outcome:
    key = ("team_id",)
    named = [{"team_id": d["dept_team_id"], "name": d["dept_team_name"]} for d in departments]
    outcome = upsert(Team, named, key=key, fields=("name",))
    pk = dict(Team.objects.values_list("team_id", "pk"))
    parents = [
        {"team_id": d["dept_team_id"], "parent_id": pk.get(d.get("dept_team_parent_id"))}
        for d in departments
    ]
    outcome.merge(upsert(Team, parents, key=key, fields=("parent_id",)))
    # Teams that disclose_teams.csv does not list keep what an administrator set.
    locality = dict(Locality.objects.values_list("name", "pk"))
    described = [
        {
            "team_id": s["team_id"],
            "kind": s["kind"],
            "locality_id": locality.get(s.get("locality")),
            "active": s["active"] if s.get("active") is not None else not s.get("closed_on"),
            "closed_on": s.get("closed_on"),
        }
        for s in settings
    ]
    fields = ("kind", "locality_id", "active", "closed_on")
    return outcome.merge(upsert(Team, described, key=key, fields=fields))


def _load_staff(professionals: list[dict], org: Organisation) -> Outcome:
    rows = []
    for p in professionals:
        first, last = split_name(p.get("prof_professional_name", ""))
        rows.append(
            {
                "professional_id": p["prof_professional_id"],
                "username": p.get("prof_staff_id") or p["prof_professional_id"],
                "staff_id": p.get("prof_staff_id") or None,
                "first_name": first,
                "last_name": last,
                "job_title": p.get("prof_professional_job_title", ""),
                "team_id": org.team_pk.get(p.get("prof_professional_department")),
            }
        )
    _adopt_accounts(rows)
    key, fields = (
        ("professional_id",),
        ("username", "staff_id", "first_name", "last_name", "job_title", "team_id"),
    )
    # Workers can be routed to at once; they sign in once an administrator
    # gives them a password (make_password(None) is unusable).
    outcome = upsert(
        Staff, rows, key=key, fields=fields, create_defaults={"password": make_password(None)}
    )
    org.staff_pk = dict(
        Staff.objects.exclude(professional_id=None).values_list("professional_id", "pk")
    )
    outcome.updated |= _add_roles(rows, org.staff_pk)
    return outcome


def _adopt_accounts(rows: list[dict]) -> None:
    """An account made by hand with the worker's staff id becomes that worker's."""
    by_username = {r["username"]: r["professional_id"] for r in rows}
    for account in Staff.objects.filter(username__in=list(by_username), professional_id=None):
        account.professional_id = by_username[account.username]
        account.save(update_fields=["professional_id"])


def _add_roles(rows: list[dict], staff_pk: dict[str, int]) -> set:
    """Give each worker the role their job title makes obvious; never take one away."""
    through = Staff.roles.through
    wanted = {
        (staff_pk[r["professional_id"]], code) for r in rows for code in roles_for(r["job_title"])
    }
    have = set(
        through.objects.filter(staff_id__in=[s for s, _c in wanted]).values_list(
            "staff_id", "role_id"
        )
    )
    missing = wanted - have
    through.objects.bulk_create([through(staff_id=s, role_id=c) for s, c in missing])
    by_pk = {pk: prof for prof, pk in staff_pk.items()}
    return {(by_pk[s],) for s, _c in missing}


def _load_managers(settings: list[dict], org: Organisation) -> Outcome:
    by_staff_id = dict(Staff.objects.exclude(staff_id=None).values_list("staff_id", "pk"))
    rows = [
        {
            "team_id": s["team_id"],
            "csm_id": by_staff_id.get(s.get("csm_staff_id")),
            "team_manager_id": by_staff_id.get(s.get("team_manager_staff_id")),
        }
        for s in settings
    ]
    fields = ("csm_id", "team_manager_id")
    return upsert(
        Team,
        rows,
        key=("team_id",),
        fields=fields,
        existing=existing_rows(Team, ("team_id",), fields),
    )
