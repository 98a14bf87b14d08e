"""search_persons: find candidates by their keys, then score and rank them."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from disclose.records.models import Identifier, Person, PersonName, SearchKey

from .keys import dated_keys, name_keys
from .names import normalise_identifier, one_digit_away, surname_keys, swapped
from .scoring import Candidate, Query, score

MAX_CANDIDATES = 1500
# Below this, only the date of birth (or only a forename) agreed: noise, not a match.
MIN_SCORE = 0.55
# A name-only search widens to the looser keys when nothing scores this well.
GOOD_ENOUGH = 0.9


@dataclass(frozen=True)
class Match:
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
    if not query.dob and query.forename_word and query.surname_parts:
        if not matches or matches[0].score < GOOD_ENOUGH:
            wider = _candidate_ids(_loose_keys(query))
            seen = {m.person.pk for m in matches}
            matches = _merge(matches, _rank(query, [pk for pk in wider if pk not in seen]))
    return matches[:limit]


def _strict_keys(query: Query) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    if query.nhs:
        keys["n"].add(query.nhs)
    if query.dob:
        keys["d"].update(d.isoformat() for d in (query.dob, swapped(query.dob)) if d)
        for kind, key in dated_keys(
            query.forename, query.surname, one_digit_away(query.dob), query=True
        ):
            keys[kind].add(key)
    if query.surname_parts and query.forename_word:
        # Both ways round: names typed into each other's boxes are a common slip.
        both_ways = name_keys(query.forename, query.surname, query=True) | name_keys(
            query.surname, query.forename, query=True
        )
        keys["sf"].update(key for kind, key in both_ways if kind == "sf")
    elif query.surname_parts and not query.dob:
        keys["s"].update(surname_keys(query.surname))
    return keys


def _loose_keys(query: Query) -> dict[str, set[str]]:
    """Forename form with the surname's initial, and surname sound with the forename's."""
    keys: dict[str, set[str]] = defaultdict(set)
    for kind, key in name_keys(query.forename, query.surname, query=True):
        if kind in ("fi", "si"):
            keys[kind].add(key)
    return keys


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


def _rank(query: Query, ids: list[int]) -> list[Match]:
    scored = []
    for candidate in _load(ids, with_identifiers=bool(query.nhs)):
        value, reasons = score(query, candidate)
        if value >= MIN_SCORE:
            scored.append(Match(candidate.person, round(value, 3), reasons))
    scored.sort(key=lambda m: (-m.score, m.person.surname, m.person.forename, m.person.pk))
    return scored


def _merge(first: list[Match], second: list[Match]) -> list[Match]:
    merged = first + second
    merged.sort(key=lambda m: (-m.score, m.person.surname, m.person.forename, m.person.pk))
    return merged


def _load(ids: list[int], *, with_identifiers: bool) -> list[Candidate]:
    if not ids:
        return []
    people = Person.objects.filter(id__in=ids)
    candidates = {p.pk: Candidate(p, p.forename, p.surname, p.dob) for p in people}
    for pk, forename, surname, name_type in PersonName.objects.filter(
        person_id__in=ids
    ).values_list("person_id", "forename", "surname", "name_type"):
        candidates[pk].other_names.append((forename, surname, name_type))
    if with_identifiers:
        for c in candidates.values():
            if c.person.nhs_number.strip():
                c.identifiers[normalise_identifier(c.person.nhs_number)] = "NHS number"
        for pk, kind, value in Identifier.objects.filter(person_id__in=ids).values_list(
            "person_id", "kind", "value"
        ):
            candidates[pk].identifiers.setdefault(normalise_identifier(value), kind)
    return list(candidates.values())
