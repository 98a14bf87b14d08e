"""Checking the `records:` block: the small world of social care records a scenario runs in."""

from typing import Any

from . import checks as c
from .schema import (
    EPISODE_STATUSES,
    HOLDING_KINDS,
    MEDIA,
    ROLES,
    TEAM_KINDS,
    EpisodeSpec,
    HoldingSpec,
    PersonSpec,
    Records,
    StaffSpec,
    TeamSpec,
)

# The officer who receives a request in a file without a SCIMT officer (runner.py).
RESERVED_STAFF_ID = "system"
SECTIONS = ("localities", "teams", "staff", "persons", "episodes", "holdings")
TEAM_FIELDS = ("id", "name", "kind", "locality", "active", "closed_on")
STAFF_FIELDS = ("id", "name", "roles", "team", "email", "phone", "job_title", "active")
# The contract's word for an administrator (December 2026); Disclose's role is `admin`.
ROLE_ALIASES = {"administrator": "admin"}
PERSON_FIELDS = (
    "id",
    "forename",
    "surname",
    "dob",
    "aliases",
    "former_names",
    "known_as",
    "nhs_number",
    "sex",
)
EPISODE_FIELDS = (
    "person",
    "status",
    "start",
    "end",
    "team",
    "worker",
    "media",
    "cp_plan",
    "mash_only",
)
HOLDING_FIELDS = ("id", "person", "kind", "location", "ref")


def parse_records(raw: Any, problems) -> tuple[Records, c.Ids]:
    if not isinstance(raw, dict):
        problems.add("records", "is missing; describe the teams, staff and persons")
        return Records(), c.Ids()
    problems.unknown_keys("records.", raw, SECTIONS)
    sections = {name: _items(raw, name, problems) for name in SECTIONS}
    ids = c.Ids(
        staff=_ids(sections["staff"], "staff", problems),
        persons=_ids(sections["persons"], "persons", problems),
        holdings=_ids(sections["holdings"], "holdings", problems),
        teams=_ids(sections["teams"], "teams", problems),
        localities=frozenset(str(x) for x in sections["localities"]),
    )
    teams = [_team(n, t, problems, ids) for n, t in _numbered(sections["teams"])]
    staff = [_staff(n, s, problems, ids) for n, s in _numbered(sections["staff"])]
    _one_holder_per_team(staff, problems)
    return Records(
        localities=tuple(str(x) for x in sections["localities"]),
        teams=tuple(teams),
        staff=tuple(staff),
        persons=tuple(_person(n, p, problems, ids) for n, p in _numbered(sections["persons"])),
        episodes=tuple(_episode(n, e, problems, ids) for n, e in _numbered(sections["episodes"])),
        holdings=tuple(_holding(n, h, problems, ids) for n, h in _numbered(sections["holdings"])),
    ), ids


def _items(raw: dict, name: str, problems) -> list:
    items = raw.get(name) or []
    if not isinstance(items, list):
        problems.add(f"records.{name}", "must be a list")
        return []
    bad = [
        n for n, item in enumerate(items, 1) if name != "localities" and not isinstance(item, dict)
    ]
    for n in bad:
        problems.add(f"records.{name}[{n}]", "must be a mapping like {id: ..., ...}")
    return [item for item in items if name == "localities" or isinstance(item, dict)]


def _numbered(items: list) -> list[tuple[int, dict]]:
    return list(enumerate(items, start=1))


def _ids(items: list[dict], name: str, problems) -> frozenset[str]:
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        if "id" not in item or item["id"] is None:
            problems.add(f"records.{name}[{n}].id", "is missing")
            continue
        value = str(item["id"])
        if value in seen:
            problems.add(f"records.{name}[{n}].id", f"'{value}' is used twice; ids must be unique")
        if name == "staff" and value == RESERVED_STAFF_ID:
            problems.add(f"records.staff[{n}].id", f"'{value}' is kept for the runner; use another")
        seen.add(value)
    return frozenset(seen)


def _team(n: int, raw: dict, problems, ids: c.Ids) -> TeamSpec:
    at = f"records.teams[{n}]."
    problems.unknown_keys(at, raw, TEAM_FIELDS)
    take = problems.take
    return TeamSpec(
        id=str(raw.get("id")),
        name=take(at, raw, "name", c.text, ids, default=str(raw.get("id"))),
        kind=take(at, raw, "kind", c.enum(*TEAM_KINDS), ids, default="social_work"),
        locality=take(at, raw, "locality", c.optional_locality, ids),
        active=take(at, raw, "active", c.boolean, ids, default=True),
        closed_on=take(at, raw, "closed_on", c.optional_date, ids),
    )


def _staff(n: int, raw: dict, problems, ids: c.Ids) -> StaffSpec:
    at = f"records.staff[{n}]."
    problems.unknown_keys(at, raw, STAFF_FIELDS)
    take = problems.take
    return StaffSpec(
        id=str(raw.get("id")),
        name=take(at, raw, "name", c.text, ids, required=True, default=str(raw.get("id"))),
        roles=tuple(
            ROLE_ALIASES.get(role, role)
            for role in take(at, raw, "roles", c.list_of(ROLE), ids, required=True, default=())
        ),
        team=take(at, raw, "team", c.optional_team_ref, ids),
        **{k: take(at, raw, k, c.optional_text, ids, default="") for k in STAFF_FIELDS[4:7]},
        active=take(at, raw, "active", c.boolean, ids, default=True),
    )


ROLE = c.enum(*ROLES, *ROLE_ALIASES)


def _one_holder_per_team(staff: list[StaffSpec], problems) -> None:
    """A team's CSM and team manager are the staff with that role in it: one each."""
    for role in ("csm", "team_manager"):
        holders: dict[str, str] = {}
        for n, member in enumerate(staff, start=1):
            if role in member.roles and member.team:
                if member.team in holders:
                    problems.add(
                        f"records.staff[{n}].roles",
                        f"team {member.team} already has a "
                        f"{role} ({holders[member.team]}); give each team one",
                    )
                holders.setdefault(member.team, member.id)


def _person(n: int, raw: dict, problems, ids: c.Ids) -> PersonSpec:
    at = f"records.persons[{n}]."
    problems.unknown_keys(at, raw, PERSON_FIELDS)
    take = problems.take
    return PersonSpec(
        id=str(raw.get("id")),
        forename=take(at, raw, "forename", c.optional_text, ids, default=""),
        surname=take(at, raw, "surname", c.text, ids, required=True, default=""),
        dob=take(at, raw, "dob", c.optional_date, ids),
        **{k: take(at, raw, k, c.text_list, ids, default=()) for k in PERSON_FIELDS[4:7]},
        **{k: take(at, raw, k, c.optional_text, ids, default="") for k in PERSON_FIELDS[7:]},
    )


def _episode(n: int, raw: dict, problems, ids: c.Ids) -> EpisodeSpec:
    at = f"records.episodes[{n}]."
    problems.unknown_keys(at, raw, EPISODE_FIELDS)
    take = problems.take
    end = take(at, raw, "end", c.optional_date, ids)
    status = take(
        at, raw, "status", c.enum(*EPISODE_STATUSES), ids, default="closed" if end else "open"
    )
    if status == "open" and end:
        problems.add(f"{at}end", "an open episode has no end date; remove it or say status: closed")
    if status == "closed" and "end" not in raw:
        problems.add(f"{at}end", "a closed episode needs its end date, as YYYY-MM-DD")
    start = take(at, raw, "start", c.a_date, ids, required=True)
    if start and end and end < start:
        problems.add(f"{at}end", f"ends ({end}) before it starts ({start})")
    return EpisodeSpec(
        person=take(at, raw, "person", c.person_ref, ids, required=True),
        status=status,
        start=start,
        end=end,
        team=take(at, raw, "team", c.optional_team_ref, ids),
        worker=take(at, raw, "worker", c.optional_staff_ref, ids),
        media=take(at, raw, "media", c.list_of(c.enum(*MEDIA)), ids, default=("framework",)),
        cp_plan=take(at, raw, "cp_plan", c.boolean, ids, default=False),
        mash_only=take(at, raw, "mash_only", c.boolean, ids, default=False),
    )


def _holding(n: int, raw: dict, problems, ids: c.Ids) -> HoldingSpec:
    at = f"records.holdings[{n}]."
    problems.unknown_keys(at, raw, HOLDING_FIELDS)
    take = problems.take
    return HoldingSpec(
        id=str(raw.get("id")),
        person=take(at, raw, "person", c.person_ref, ids, required=True),
        kind=take(at, raw, "kind", c.enum(*HOLDING_KINDS), ids, required=True, default="paper"),
        location=take(at, raw, "location", c.optional_text, ids, default=""),
        ref=take(at, raw, "ref", c.optional_text, ids, default=""),
    )
