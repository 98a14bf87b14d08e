"""search_persons: find candidates by their keys, strongest key first, then score and rank them."""

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models.sql import Query as SQLQuery

from disclose.records.models import Identifier, Person, PersonName

from .candidates import Lookup, ranked_sql
from .keys import code, name_keys
from .names import (
    forename_keys,
    forename_sound,
    near_dates,
    normalise_identifier,
    surname_keys,
    swapped,
)
from .scoring import Candidate, Query, Scorer

# How many candidates are scored at each step, at most: those found under the
# strongest keys (see STRENGTH), then the lowest person ids among equals.
MAX_CANDIDATES = 1000
# The wider keys (a name sound and an initial) hold thousands of people each at
# a million: only this many of them are scored, the strongest first.
MAX_WIDER = 250
# With a date of birth typed, fewer: someone found there only by both names'
# sounds has a date out by more than one slip, and scores 0.65 at most (0.79
# when their record holds no date). At 1M, 100 instead of 250 changed no
# labelled query's place, and the wider step is the slowest searches' time.
MAX_WIDER_DATED = 100
# Below this, only the date of birth (or only a forename) agreed: noise, not a match.
MIN_SCORE = 0.55
# A search with both names and a date of birth looks under wider keys when
# nothing scores this well.
GOOD_ENOUGH = 0.9

# How strongly a hit under each kind of key says "this may be the person":
# candidates found under stronger keys (and under more of them) come first.
# A key with the date typed outranks one with a near date (swapped, a digit or
# the year out); names paired with a date outrank names or a date alone.
STRENGTH = {
    ("n", "exact"): 100,
    ("sd", "exact"): 40,
    ("fd", "exact"): 40,
    ("sd", "near"): 25,
    ("fd", "near"): 25,
    ("d", "exact"): 20,
    ("d", "near"): 10,
    ("sf", ""): 20,
    ("s", ""): 10,
    ("si", ""): 5,
    ("fi", ""): 5,
}


@dataclass(frozen=True)
class Match:
    """One person found: score from 0 to 1 (1 is every field typed agreeing),
    and the reasons in plain English: identifier, other name, forename, surname, date."""

    person: Person
    score: float
    reasons: list[str]


def search_persons(
    *,
    forename: str = "",
    surname: str = "",
    dob: date | None = None,
    nhs_number: str = "",
    limit: int = 20,
) -> list[Match]:
    """People who may be the one described, best first, with why each matched.

    Any field may be blank. A forename alone is too common to search on, so it
    finds nobody unless a surname, date of birth or NHS number comes with it.
    Reads only: search_and_log is the version that writes the access log.
    """
    query = Query(forename=forename, surname=surname, dob=dob, nhs_number=nhs_number)
    found = _candidates(query, [(_strict_keys(query), MAX_CANDIDATES)])
    matches = _rank(query, found)
    if _both_names(query) and _look_wider(query, matches):
        seen = {c.pk for c in found}
        wider = _candidates(query, _wider(query), exclude=seen)
        matches = _merge(matches, _rank(query, wider))
    return _matches(matches[:limit])


def _look_wider(query: Query, matches: list["_Scored"]) -> bool:
    """Whether the strict keys may have missed the person.

    With a date of birth, the strict keys already hold everyone with the date
    or a near one and a name that sounds alike: look wider only when nobody
    fits well. Without one, a namesake who merely sounds alike must not
    stop the search (Cara Coleman would hide Carol Coleman when Caro is
    typed): look wider unless someone matches every field exactly.
    """
    if not matches:
        return True
    if query.dob:
        return matches[0].score < GOOD_ENOUGH
    return matches[0].score < 1.0


def _strict_keys(query: Query) -> Lookup:
    """The keys every search looks under: few, and each holding few people."""
    lookup = Lookup()
    if query.nhs:
        lookup.add(code("n", query.nhs), STRENGTH["n", "exact"])
    if query.dob:
        # Everyone born that day, whatever their names, is a dozen to hundreds
        # of people (270 at 10M) and was most of a search's rows and scoring
        # (54 of its 71 candidates at 1M). With both names typed, someone
        # found only by the date has both names misspelt beyond their sound,
        # or typed in each other's box: the wider step looks for them, when
        # nobody found here fits well.
        if not _both_names(query):
            _add_born_on(query, lookup)
        exact = {query.dob.isoformat()}
        # The keys of keys.dated_keys(query=True), built here date by date so
        # that each knows whether its date is the one typed.
        s_keys, f_keys = surname_keys(query.surname), forename_keys(query.forename)
        # fd finds someone whose surname is not the one typed (a new married
        # name not yet on record). With a near date too that is two errors;
        # with a nickname form of the forename as well it would be three, and
        # each form's thirty-odd near dates were most of a search's index
        # probes (up to 300 of 350 at 1M): near dates pair with the forename
        # as typed only.
        own = {forename_sound(query.forename)} - {""}
        for day in (query.dob, *near_dates(query.dob)):
            iso = day.isoformat()
            near = "exact" if iso in exact else "near"
            for s in s_keys:
                lookup.add(code("sd", f"{s}|{iso}"), STRENGTH["sd", near])
            for f in f_keys if near == "exact" else own:
                lookup.add(code("fd", f"{f}|{iso}"), STRENGTH["fd", near])
    elif query.surname_parts and query.forename_word:
        for key in _name_pairs(query):
            lookup.add(code("sf", key), STRENGTH["sf", ""], bounded=False)
    elif query.surname_parts:
        for key in surname_keys(query.surname):
            lookup.add(code("s", key), STRENGTH["s", ""], bounded=False)
    return lookup


def _wider(query: Query) -> list[tuple[Lookup, int]]:
    """Where to look next when nothing fits well, and how many to take from each.

    With a date of birth: everyone born that day (or with day and month
    swapped) whatever their names, up to MAX_CANDIDATES; and by the sound of
    both names alone (the date may be wrong in more than one digit), the first
    MAX_WIDER_DATED. Someone found only by the sounds scores less than the
    date's people can, so they never take their places. Someone whose name is
    also misspelt beyond its sound at a wrong date could score no more than
    0.6, so no wider than that.
    Without one: by a name sound and an initial (a name misspelt beyond its sound).
    """
    if query.dob:
        born_on, names = Lookup(), Lookup()
        _add_born_on(query, born_on)
        for key in _name_pairs(query):
            names.add(code("sf", key), STRENGTH["sf", ""], bounded=False)
        return [(born_on, MAX_CANDIDATES), (names, MAX_WIDER_DATED)]
    lookup = Lookup()
    for kind, key in name_keys(query.forename, query.surname, query=True):
        if kind in ("fi", "si"):
            lookup.add(code(kind, key), STRENGTH[kind, ""], bounded=False)
    return [(lookup, MAX_WIDER)]


def _both_names(query: Query) -> bool:
    return bool(query.forename_word and query.surname_parts)


def _add_born_on(query: Query, lookup: Lookup) -> None:
    """Everyone born on the date typed, or on it with day and month swapped,
    whatever their names: a name misspelt beyond its sound, or typed in the
    other box, still finds them by the date."""
    for day in (query.dob, swapped(query.dob)):
        if day:
            kind = "exact" if day == query.dob else "near"
            lookup.add(code("d", day.isoformat()), STRENGTH["d", kind])


def _name_pairs(query: Query) -> set[str]:
    # Both ways round: names typed into each other's boxes are a common slip.
    both_ways = name_keys(query.forename, query.surname, query=True) | name_keys(
        query.surname, query.forename, query=True
    )
    return {key for kind, key in both_ways if kind == "sf"}


@dataclass(frozen=True)
class _Scored:
    score: float
    reasons: list[str]
    candidate: Candidate

    @property
    def order(self) -> tuple:
        c = self.candidate
        return (-self.score, c.surname, c.forename, c.pk)


def _rank(query: Query, candidates: list[Candidate]) -> list[_Scored]:
    scored, score = [], Scorer(query)
    for candidate in candidates:
        value, reasons = score(candidate)
        if value >= MIN_SCORE:
            scored.append(_Scored(round(value, 3), reasons, candidate))
    return sorted(scored, key=lambda s: s.order)


def _merge(first: list[_Scored], second: list[_Scored]) -> list[_Scored]:
    return sorted(first + second, key=lambda s: s.order)


def _matches(scored: list[_Scored]) -> list[Match]:
    """Person objects for the few that are shown, from the columns already read
    for scoring, converted as the ORM converts them (dates, time zones)."""
    if not scored:
        return []
    fields = Person._meta.concrete_fields
    compiler = SQLQuery(Person).get_compiler(connection=connection)
    converters = compiler.get_converters([f.get_col(Person._meta.db_table) for f in fields])
    rows = compiler.apply_converters([s.candidate.record for s in scored], converters)
    names = [f.attname for f in fields]
    return [
        Match(Person.from_db(connection.alias, names, list(row)), s.score, s.reasons)
        for s, row in zip(scored, rows, strict=True)
    ]


def _candidates(
    query: Query, lookups: list[tuple[Lookup, int]], *, exclude: set[int] = frozenset()
) -> list[Candidate]:
    """The persons under each lookup's keys, strongest first and at most its
    cap, with what scoring needs about each: one statement (and identifiers in
    a second, when an NHS number was typed). On a busy machine each statement
    waits its turn for the database, so one beats three."""
    parts, params = [], []
    for i, (lookup, cap) in enumerate(lookups):
        if lookup:
            ranked, ranked_params = ranked_sql(lookup, cap, exclude=exclude)
            # ranked_sql's statement: names from the models, values as parameters.
            parts.append(f"SELECT id FROM ({ranked}) AS r{i}")  # noqa: S608
            params += ranked_params
    if not parts:
        return []
    ids = " UNION ".join(parts)  # someone under both lookups is read once
    return _read(f"JOIN ({ids}) AS c ON c.id = p.id", params, with_identifiers=bool(query.nhs))


def _load(ids: list[int], *, with_identifiers: bool) -> list[Candidate]:
    """These persons, as _candidates reads them."""
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    return _read(f"WHERE p.id IN ({marks})", ids, with_identifiers=with_identifiers)


def _read(which: str, params: list, *, with_identifiers: bool) -> list[Candidate]:
    p, n, quote = Person._meta, PersonName._meta, connection.ops.quote_name
    person_columns = ", ".join(f"p.{quote(f.column)}" for f in p.concrete_fields)
    name_columns = ", ".join(
        f"n.{quote(n.get_field(f).column)}" for f in ("forename", "surname", "name_type")
    )
    # Names come from the models, values are parameters: nothing here is user input.
    sql = (
        f"SELECT {person_columns}, {name_columns} FROM {quote(p.db_table)} p "  # noqa: S608
        f"LEFT JOIN {quote(n.db_table)} n ON n.{quote(n.get_field('person').column)} = p.id "
        f"{which}"
    )
    at = {name: i for i, name in enumerate(f.attname for f in p.concrete_fields)}
    pk, forename, surname, dob, nhs = (
        at[name] for name in ("id", "forename", "surname", "dob", "nhs_number")
    )
    width = len(at)
    candidates: dict[int, Candidate] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            candidate = candidates.get(row[pk])
            if candidate is None:
                candidate = candidates[row[pk]] = Candidate(
                    row[pk], row[forename], row[surname], row[dob], row[nhs], record=row[:width]
                )
            other_f, other_s, name_type = row[width:]
            if name_type is not None:
                candidate.other_names.append((other_f, other_s, name_type))
    if with_identifiers:
        for c in candidates.values():
            if c.nhs_number.strip():
                c.identifiers[normalise_identifier(c.nhs_number)] = "NHS number"
        for person, kind, value in Identifier.objects.filter(
            person_id__in=list(candidates)
        ).values_list("person_id", "kind", "value"):
            candidates[person].identifiers.setdefault(normalise_identifier(value), kind)
    return list(candidates.values())
