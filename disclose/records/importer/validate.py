"""The first pass of an import: check every row of every file, load nothing.

All or nothing (spec/records-import.md): every problem is collected so the
council can fix them all before running the import again.
"""

from dataclasses import dataclass, field
from pathlib import Path

from disclose.records.models import Episode, Person, Staff, Team

from .reader import Problem, read_rows
from .spool import Spool
from .tables import (
    ALL_FILES,
    INVOLVEMENTS,
    PERSON,
    PROFESSIONAL,
    PROFESSIONALS,
    REFERRAL,
    STAFF,
    TEAM,
    FileSpec,
)

# How a problem names an id that is not in the extract, and where it should be.
_SOURCES = {
    PERSON: ("person", "ssd_person.csv"),
    TEAM: ("team", "ssd_department.csv"),
    PROFESSIONAL: ("worker", "ssd_professionals.csv"),
    STAFF: ("worker with staff id", "ssd_professionals.csv (prof_staff_id)"),
    REFERRAL: ("episode", "ssd_cin_episodes.csv"),
}
_DEFINED_BY = {
    PERSON: "ssd_person.csv",
    TEAM: "ssd_department.csv",
    PROFESSIONAL: "ssd_professionals.csv",
    STAFF: "ssd_professionals.csv",
    REFERRAL: "ssd_cin_episodes.csv",
}


@dataclass
class Validation:
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows read, per file present

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Known:
    """Ids the extract defines, so that references to them can be checked."""

    # Each id maps to itself: rows that refer to it are given this one string.
    ids: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in _SOURCES})
    referral_person: dict[str, str] = field(default_factory=dict)


def validate_extract(folder: Path, progress=None, spool: Spool | None = None) -> Validation:
    """Check every row of every file. Each good row goes to `spool` (when given)
    as parsed, for the load to read back, until a problem is found."""
    result, known = Validation(), _Known()
    for kind, file_name in _DEFINED_BY.items():
        if not (folder / file_name).exists():
            _known_from_database(kind, known)  # nothing of that kind in this extract
    for spec in ALL_FILES:
        if (folder / spec.name).exists():
            result.rows[spec.name] = _check_file(
                folder, spec, known, result.problems, progress, spool
            )
    order = {spec.name: i for i, spec in enumerate(ALL_FILES)}
    result.problems.sort(key=lambda p: (order[p.file], p.line))
    return result


def _check_file(
    folder: Path, spec: FileSpec, known: _Known, problems: list, progress, spool
) -> int:
    keep = spool.writer(spec).add if spool is not None else None
    seen: dict = {}
    defined: dict[str, dict[str, int]] = {}
    deferred = []  # references to ids this same file defines (a team's parent team)
    count = 0
    # Worked out once per file, not for each of a million rows.
    refs = [(c.name, c.ref) for c in spec.columns if c.ref]
    plan = _Plan(spec)
    for line, row, bad in read_rows(folder, spec, problems, progress):
        count += 1
        bad = list(bad)
        for name, ref in refs:
            value = row.get(name)
            if not value:
                continue
            if ref == spec.defines:
                deferred.append((line, name, ref, value))
            elif (same := known.ids[ref].get(value)) is None:
                bad.append((name, _unknown(ref, value)))
            else:
                # The string already held for that id, not a copy per row: the keys
                # of a million involvements must fit in memory.
                row[name] = same
        if not bad:
            for check in spec.checks:
                bad.extend(check(row))
        if spec is INVOLVEMENTS:
            bad.extend(_same_person(row, known))
        bad.extend(_duplicates(plan, row, line, seen, defined))
        _define(spec, row, known)
        if bad:
            problems.extend(Problem(spec.name, line, col, msg) for col, msg in bad)
        elif keep is not None and not problems:
            keep(row)  # once anything is wrong nothing will be loaded: stop keeping rows
    for line, column, kind, value in deferred:
        if value not in known.ids[kind]:
            problems.append(Problem(spec.name, line, column, _unknown(kind, value)))
    if spec is PROFESSIONALS:
        problems.extend(_account_clashes(folder, spec))
    return count


def _unknown(kind: str, value: str) -> str:
    what, where = _SOURCES[kind]
    return f"there is no {what} '{value}' in {where}"


def _same_person(row: dict, known: _Known) -> list[tuple[str, str]]:
    referral = row.get("invo_referral_id")
    owner = known.referral_person.get(referral) if referral else None
    if owner and row.get("invo_person_id") and owner != row["invo_person_id"]:
        return [
            (
                "invo_referral_id",
                f"episode '{referral}' is for person '{owner}', "
                f"not person '{row['invo_person_id']}'",
            )
        ]
    return []


class _Plan:
    """What _duplicates needs of a file's layout, as plain tuples."""

    def __init__(self, spec: FileSpec) -> None:
        self.key = spec.key
        self.single = len(spec.key) == 1
        self.names = tuple(c.name for c in spec.columns)
        self.defines = tuple(c.name for c in spec.columns if c.defines)


_HASH_BITS = (1 << 64) - 1


def _duplicates(plan: _Plan, row, line, seen, defined) -> list[tuple[str, str]]:
    """Two rows with the same key must say the same thing; exact repeats are ignored."""
    bad = []
    if all(name in row for name in plan.key):
        # A one-column key as itself, not in a tuple: a million-row file must fit in memory.
        key = row[plan.key[0]] if plan.single else tuple(row[name] for name in plan.key)
        # A hash, not the values, kept with the line in one number, for the same reason.
        values = hash(tuple(map(row.get, plan.names))) & _HASH_BITS
        first = seen.get(key)
        if first is None:
            seen[key] = line << 64 | values
        elif first & _HASH_BITS != values:
            bad.append(
                (
                    plan.key[-1],
                    f"this repeats line {first >> 64} with different values; "
                    "keep one of the two rows",
                )
            )
    for name in plan.defines:
        value = row.get(name)
        if value:
            first = defined.setdefault(name, {}).setdefault(value, line)
            if first != line:
                bad.append((name, f"'{value}' is also on line {first}; it must be unique"))
    return bad


def _define(spec: FileSpec, row: dict, known: _Known) -> None:
    if spec.defines and row.get(spec.key[0]):
        known.ids[spec.defines].setdefault(row[spec.key[0]], row[spec.key[0]])
    for column in spec.columns:
        if column.defines and row.get(column.name):
            known.ids[column.defines].setdefault(row[column.name], row[column.name])
    # Either may be missing from a row whose cell had a problem (issue 6, item 6).
    if spec.defines == REFERRAL and row.get("cine_person_id") and row.get("cine_referral_id"):
        known.referral_person[row["cine_referral_id"]] = row["cine_person_id"]


def _known_from_database(kind: str, known: _Known) -> None:
    if kind == PERSON:
        known.ids[kind] = _same(Person.objects.values_list("person_id", flat=True))
    elif kind == TEAM:
        known.ids[kind] = _same(Team.objects.values_list("team_id", flat=True))
    elif kind in (PROFESSIONAL, STAFF):
        column = "professional_id" if kind == PROFESSIONAL else "staff_id"
        values = Staff.objects.exclude(**{f"{column}__isnull": True})
        known.ids[kind] = _same(values.values_list(column, flat=True))
    else:
        pairs = Episode.objects.values_list("referral_id", "person__person_id")
        known.referral_person = dict(pairs)
        known.ids[kind] = _same(known.referral_person)


def _same(ids) -> dict[str, str]:
    return {value: value for value in ids}


def _account_clashes(folder: Path, spec: FileSpec) -> list[Problem]:
    """A worker's sign-in name is their staff id; it must not belong to someone else."""
    wanted, problems = {}, []
    for line, row, _bad in read_rows(folder, spec, None):
        professional = row.get("prof_professional_id")
        if not professional:
            continue
        name = row.get("prof_staff_id") or professional
        if name in wanted and wanted[name][1] != professional:
            # Two workers would get one sign-in name (issue 6, item 6: found by Hypothesis).
            problems.append(
                Problem(
                    spec.name,
                    line,
                    "prof_staff_id",
                    f"the sign-in name '{name}' is also the worker's on line "
                    f"{wanted[name][0]}; give each worker their own staff id",
                )
            )
            continue
        wanted[name] = (line, professional)
    for account in Staff.objects.filter(username__in=list(wanted)):
        line, professional = wanted[account.username]
        if account.professional_id == professional:
            continue
        if account.professional_id is None and account.staff_id in (None, account.username):
            continue  # an account made by hand for this worker: the import adopts it
        problems.append(
            Problem(
                spec.name,
                line,
                "prof_staff_id",
                f"the sign-in name '{account.username}' already belongs to "
                "another account; rename that account in Disclose first",
            )
        )
    return problems
