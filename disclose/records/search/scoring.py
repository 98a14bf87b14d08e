"""Scoring one candidate against a query, with the reasons in plain English.

A score is between 0 and 1. Each field the officer typed contributes by its
weight; a field left blank neither helps nor hurts. The reasons say what
matched and how, so the officer can judge a near miss for themselves.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from rapidfuzz.distance import OSA, JaroWinkler

from .names import dob_relation, normalise_identifier, parts, sound
from .nicknames import relation

WEIGHTS = {"forename": 0.3, "surname": 0.35, "dob": 0.35}
# A year out across a decade changes two digits: a little less likely than one.
DOB_SCORES = {"exact": 1.0, "swapped": 0.85, "digit": 0.8, "year": 0.75}
DOB_REASONS = {
    "exact": "Date of birth matches",
    "swapped": "Date of birth with day and month swapped",
    "digit": "Date of birth differs by one digit",
    "year": "Year of birth differs by one",
}
OTHER_NAME_LABELS = {"former": "Former name", "alias": "Alias", "known_as": "Known as"}


@dataclass(frozen=True)
class Query:
    forename: str = ""
    surname: str = ""
    dob: date | None = None
    nhs_number: str = ""

    @cached_property
    def nhs(self) -> str:
        return normalise_identifier(self.nhs_number)

    @cached_property
    def forename_word(self) -> str:
        words = parts(self.forename)
        return words[0] if words else ""

    @cached_property
    def surname_parts(self) -> tuple[str, ...]:
        return parts(self.surname)


@dataclass
class Candidate:
    """A person and everything scoring needs about them, loaded in bulk."""

    pk: int
    forename: str
    surname: str
    dob: date | None
    nhs_number: str = ""
    other_names: list[tuple[str, str, str]] = field(default_factory=list)  # forename, surname, type
    identifiers: dict[str, str] = field(default_factory=dict)  # normalised value -> kind


def _spelling(q: str, r: str) -> float:
    """0..1 for how close two single words are in spelling and sound."""
    if sound(q) == sound(r):
        return 0.9
    if OSA.distance(q, r) <= (2 if min(len(q), len(r)) >= 8 else 1):
        return 0.85
    jw = JaroWinkler.similarity(q, r)
    return max(0.0, (jw - 0.75) / 0.25 * 0.8)


def _similar_reason(field_name: str, typed: str, score: float, q: str, r: str) -> str:
    if sound(q) == sound(r):
        return f"{field_name} sounds like {typed}"
    return f"{field_name} spelt similarly to {typed}" if score >= 0.5 else ""


# Names and dates repeat across candidates (many Smiths, many Jacks): each
# pair is worked out once.
@lru_cache(maxsize=200_000)
def forename_score(query: Query, record_forename: str) -> tuple[float, str]:
    q, words = query.forename_word, parts(record_forename)
    if not q or not words:
        return 0.0, ""
    r, typed = words[0], query.forename.strip()
    if q == r:
        return 1.0, "Forename matches"
    if len(q) == 1:
        return (0.75, "Forename initial matches") if r.startswith(q) else (0.0, "")
    kind, formal = relation(q, r)
    if kind == "direct":
        return 0.92, f"{typed.title()} is another form of {r.title()}"
    if kind == "shared":
        return 0.85, f"{typed.title()} and {r.title()} can both be short for {formal.title()}"
    if q in words[1:]:
        return 0.85, f"Middle name is {typed}"
    score = _spelling(q, r)
    return score, _similar_reason("Forename", typed, score, q, r)


@lru_cache(maxsize=200_000)
def surname_score(query: Query, record_surname: str) -> tuple[float, str]:
    q, r, typed = query.surname_parts, parts(record_surname), query.surname.strip()
    if not q or not r:
        return 0.0, ""
    if q == r or "".join(q) == "".join(r):
        return 1.0, "Surname matches"
    if set(q) == set(r):
        return 0.95, f"Surname has the same parts as {record_surname}"
    if set(q) < set(r):
        return 0.95, f"Surname {typed} is part of {record_surname}"
    if set(r) < set(q):
        return 0.9, f"Surname {record_surname} is part of {typed}"
    pairs = [(qp, rp) for qp in q for rp in r] + [("".join(q), "".join(r))]
    score, qp, rp = max((_spelling(a, b), a, b) for a, b in pairs)
    if len(q) > 1 or len(r) > 1:
        score *= 0.95  # only one part of a double-barrelled name is alike
    return score, _similar_reason("Surname", typed, score, qp, rp)


@lru_cache(maxsize=200_000)
def dob_score(query: Query, record_dob: date | None) -> tuple[float, str]:
    if query.dob is None:
        return 0.0, ""
    if record_dob is None:
        return 0.4, "No date of birth on the record"
    relation = dob_relation(query.dob, record_dob)
    return DOB_SCORES.get(relation, 0.0), DOB_REASONS.get(relation, "")


def _name_score(query: Query, forename: str, surname: str) -> tuple[float, list[str]]:
    total, reasons = 0.0, []
    if query.forename_word:
        score, reason = forename_score(query, forename)
        total += WEIGHTS["forename"] * score
        reasons.append(reason)
    if query.surname_parts:
        score, reason = surname_score(query, surname)
        total += WEIGHTS["surname"] * score
        reasons.append(reason)
    return total, [r for r in reasons if r]


def _best_name(query: Query, candidate: Candidate) -> tuple[float, list[str]]:
    """The person's name, or the former name, alias or known-as that fits best."""
    best = _name_score(query, candidate.forename, candidate.surname)
    for forename, surname, name_type in candidate.other_names:
        score, reasons = _name_score(
            query, forename or candidate.forename, surname or candidate.surname
        )
        score *= 0.99  # the current name wins a tie
        if score > best[0]:
            shown = " ".join(p for p in (forename, surname) if p)
            label = OTHER_NAME_LABELS.get(name_type, "Other name")
            best = (score, [f"{label} {shown}", *reasons])
    return max(best, _names_swapped(query, candidate), key=lambda b: b[0])


def _names_swapped(query: Query, candidate: Candidate) -> tuple[float, list[str]]:
    """The forename typed in the surname box and the surname in the forename box."""
    if not (query.forename_word and query.surname_parts):
        return 0.0, []
    swapped = Query(forename=query.surname, surname=query.forename)
    score, reasons = _name_score(swapped, candidate.forename, candidate.surname)
    return score * 0.95, ["Forename and surname the other way round", *reasons]


def score(query: Query, candidate: Candidate) -> tuple[float, list[str]]:
    """The candidate's score and the reasons for it."""
    weight = sum(
        WEIGHTS[name]
        for name, present in (
            ("forename", query.forename_word),
            ("surname", query.surname_parts),
            ("dob", query.dob),
        )
        if present
    )
    name_total, reasons = _best_name(query, candidate)
    d_score, d_reason = dob_score(query, candidate.dob)
    total = name_total + WEIGHTS["dob"] * d_score
    reasons += [d_reason] if d_reason else []
    result = total / weight if weight else 1.0
    if query.nhs:
        kind = candidate.identifiers.get(query.nhs)
        if kind:
            return 0.6 + 0.4 * result, [f"{kind[:1].upper()}{kind[1:]} matches", *reasons]
        if candidate.identifiers:
            result *= 0.85  # their number is a different one
    return result, reasons
