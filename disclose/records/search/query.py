"""search_persons: find candidates by their keys, then score and rank them."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from disclose.records.models import Identifier, Person, PersonName, SearchKey

from .keys import dated_keys, name_keys
from .names import normalise_identifier, one_digit_away, surname_keys, swapped
from .scoring import Candidate, Query, score

# Past this many candidates, keep those found under the most keys.
MAX_CANDIDATES = 1500
# Below this, only the date of birth (or only a forename) agreed: noise, not a match.
MIN_SCORE = 0.55
# A search with both names looks under wider keys when nothing scores this well.
GOOD_ENOUGH = 0.9


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
    matches = _rank(query, _candidate_ids(_strict_keys(query)))
    if query.forename_word and query.surname_parts:
        if not matches or matches[0].score < GOOD_ENOUGH:
            wider = _candidate_ids(_wider_keys(query))
            seen = {m.candidate.pk for m in matches}
            matches = _merge(matches, _rank(query, [pk for pk in wider if pk not in seen]))
    return _matches(matches[:limit])


def _strict_keys(query: Query) -> dict[str, set[str]]:
    """The keys every search looks under: few, and each holding few people."""
    keys: dict[str, set[str]] = defaultdict(set)
    if query.nhs:
        keys["n"].add(query.nhs)
    if query.dob:
        keys["d"].update(d.isoformat() for d in (query.dob, swapped(query.dob)) if d)
        for kind, key in dated_keys(
            query.forename, query.surname, one_digit_away(query.dob), query=True
        ):
            keys[kind].add(key)
    elif query.surname_parts and query.forename_word:
        keys["sf"] = _name_pairs(query)
    elif query.surname_parts:
        keys["s"].update(surname_keys(query.surname))
    return keys


def _wider_keys(query: Query) -> dict[str, set[str]]:
    """Where to look next when nothing fits well: by name alone (the date of birth
    may be wrong in more than one digit), then by a name sound and an initial."""
    keys: dict[str, set[str]] = defaultdict(set)
    if query.dob:
        keys["sf"] = _name_pairs(query)
    for kind, key in name_keys(query.forename, query.surname, query=True):
        if kind in ("fi", "si"):
            keys[kind].add(key)
    return keys


def _name_pairs(query: Query) -> set[str]:
    # Both ways round: names typed into each other's boxes are a common slip.
    both_ways = name_keys(query.forename, query.surname, query=True) | name_keys(
        query.surname, query.forename, query=True
    )
    return {key for kind, key in both_ways if kind == "sf"}


def _candidate_ids(keys: dict[str, set[str]]) -> list[int]:
    """Persons under any of the keys, those under the most keys first."""
    condition = Q()
    for kind, values in keys.items():
        if values:
            condition |= Q(kind=kind, key__in=sorted(values))
    if not condition:
        return []
    rows = SearchKey.objects.filter(condition).values_list("person_id", flat=True)
    hits = Counter(rows[: MAX_CANDIDATES * 20])
    return [pk for pk, _ in hits.most_common(MAX_CANDIDATES)]


@dataclass(frozen=True)
class _Scored:
    score: float
    reasons: list[str]
    candidate: Candidate

    @property
    def order(self) -> tuple:
        c = self.candidate
        return (-self.score, c.surname, c.forename, c.pk)


def _rank(query: Query, ids: list[int]) -> list[_Scored]:
    scored = []
    for candidate in _load(ids, with_identifiers=bool(query.nhs)):
        value, reasons = score(query, candidate)
        if value >= MIN_SCORE:
            scored.append(_Scored(round(value, 3), reasons, candidate))
    return sorted(scored, key=lambda s: s.order)


def _merge(first: list[_Scored], second: list[_Scored]) -> list[_Scored]:
    return sorted(first + second, key=lambda s: s.order)


def _matches(scored: list[_Scored]) -> list[Match]:
    """Person objects for the few that are shown; scoring needed only their values."""
    people = Person.objects.in_bulk([s.candidate.pk for s in scored])
    return [Match(people[s.candidate.pk], s.score, s.reasons) for s in scored]


def _load(ids: list[int], *, with_identifiers: bool) -> list[Candidate]:
    if not ids:
        return []
    rows = Person.objects.filter(id__in=ids).values_list(
        "id", "forename", "surname", "dob", "nhs_number"
    )
    candidates = {pk: Candidate(pk, f, s, dob, nhs) for pk, f, s, dob, nhs in rows}
    for pk, forename, surname, name_type in PersonName.objects.filter(
        person_id__in=ids
    ).values_list("person_id", "forename", "surname", "name_type"):
        candidates[pk].other_names.append((forename, surname, name_type))
    if with_identifiers:
        for c in candidates.values():
            if c.nhs_number.strip():
                c.identifiers[normalise_identifier(c.nhs_number)] = "NHS number"
        for pk, kind, value in Identifier.objects.filter(person_id__in=ids).values_list(
            "person_id", "kind", "value"
        ):
            candidates[pk].identifiers.setdefault(normalise_identifier(value), kind)
    return list(candidates.values())
