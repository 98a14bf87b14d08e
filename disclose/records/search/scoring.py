"""Scoring one candidate against a query, with the reasons in plain English.

A score is between 0 and 1. Each field the officer typed contributes by its
weight; a field left blank neither helps nor hurts. The reasons say what
matched and how, so the officer can judge a near miss for themselves.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

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
    record: tuple = ()  # the person's columns as read, for the Person shown


def _spelling(q: str, r: str) -> float:
    """0..1 for how close two single words are in spelling and sound.

    A shared sound counts for more the closer the spelling: Donnna is Donna
    (0.91) rather than Danny (0.83); names that only share a phonetic code,
    Brady and Barrett, Knight and Knt (0.78, 0.81), count for less than one
    letter wrong (Kent for Knt, 0.85), where a flat 0.9 put them all alike.
    """
    jw = JaroWinkler.similarity(q, r)
    score = (jw - 0.75) / 0.25 * 0.8
    if sound(q) == sound(r):
        score = max(score, 0.6 + 0.32 * jw)
    if OSA.distance(q, r, score_cutoff=2) <= (2 if min(len(q), len(r)) >= 8 else 1):
        score = max(score, 0.85)
    return max(score, 0.0)


def _alike(q: str, r: str) -> float:
    return 1.0 if q == r else _spelling(q, r)


def _similar_reason(field_name: str, typed: str, score: float, q: str, r: str) -> str:
    if sound(q) == sound(r):
        return f"{field_name} sounds like {typed}"
    return f"{field_name} spelt similarly to {typed}" if score >= 0.5 else ""


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
        # The officer typed a part the record does not hold (Harris-Boyle for a
        # Harris): the record lacks half of what the requester knows, and one
        # part alone is a common name that many strangers share. That weighs
        # as much against as two families' names sharing one part, and more
        # than a date typed with day and month swapped: Bill Harris-Boyle with
        # his date swapped comes before a Michelle Harris born on the date typed.
        # A part merely not typed (Harris for a Harris-Boyle) contradicts
        # nothing and keeps 0.95 above.
        return 0.8, f"Surname {record_surname} is part of {typed}"
    if len(q) == len(r) == 1:
        score = _spelling(q[0], r[0])
        return score, _similar_reason("Surname", typed, score, q[0], r[0])
    # The parts run together (Clayton-Winter typed as Claytonwinter).
    whole_q, whole_r = "".join(q), "".join(r)
    options = [(_spelling(whole_q, whole_r), whole_q, whole_r)]
    if len(q) == len(r):
        # Part by part, in order or the other way round: Clayto-Winter is
        # Clayton-Winter (0.93) more than it is Winter alone (0.9).
        for ordered in {r, r[::-1]}:
            alike = sum(_alike(a, b) for a, b in zip(q, ordered, strict=True)) / len(q)
            options.append((alike, whole_q, "".join(ordered)))
    # Only one part alike: when both names have a part the other lacks
    # (Parry-Howells and Townsend-Howells) that is two people's names more
    # likely than one person's, and so is a record lacking a part typed (as
    # above: Harriss-Boyle typed for a Harris is no closer than Harris-Boyle).
    one_part = 0.95 if len(q) == 1 else 0.8
    options += [(one_part * _alike(a, b), a, b) for a in q for b in r]
    score, qp, rp = max(options)
    return score, _similar_reason("Surname", typed, score, qp, rp)


def dob_score(query: Query, record_dob: date | None) -> tuple[float, str]:
    if query.dob is None:
        return 0.0, ""
    if record_dob is None:
        return 0.4, "No date of birth on the record"
    relation = dob_relation(query.dob, record_dob)
    return DOB_SCORES.get(relation, 0.0), DOB_REASONS.get(relation, "")


class Scorer:
    """Scores the candidates of one query.

    What depends only on the query (its weight, the names the other way round)
    is worked out once, and each name and date of birth once per query however
    many candidates share it: at a million people a search scores hundreds of
    Smiths, and per-candidate Python was most of its time.
    """

    def __init__(self, query: Query):
        self.query = query
        self.weight = sum(
            WEIGHTS[name]
            for name, present in (
                ("forename", query.forename_word),
                ("surname", query.surname_parts),
                ("dob", query.dob),
            )
            if present
        )
        # The forename typed in the surname box and the surname in the forename box.
        both = query.forename_word and query.surname_parts
        self.swapped = Query(forename=query.surname, surname=query.forename) if both else None
        # Names and dates repeat across candidates (many Smiths, many Jacks):
        # each is scored once per query, in these.
        self._names: dict[tuple[str, str], tuple[float, list[str]]] = {}
        self._swapped: dict[tuple[str, str], tuple[float, list[str]]] = {}
        self._fields: dict[tuple, tuple[float, str]] = {}
        self._dobs: dict[date | None, tuple[float, str]] = {}

    def _field(self, scorer, query: Query, value: str) -> tuple[float, str]:
        key = (scorer, query is self.query, value)
        found = self._fields.get(key)
        if found is None:
            found = self._fields[key] = scorer(query, value)
        return found

    def _name_score(self, query: Query, forename: str, surname: str) -> tuple[float, list[str]]:
        total, reasons = 0.0, []
        if query.forename_word:
            score, reason = self._field(forename_score, query, forename)
            total += WEIGHTS["forename"] * score
            reasons.append(reason)
        if query.surname_parts:
            score, reason = self._field(surname_score, query, surname)
            total += WEIGHTS["surname"] * score
            reasons.append(reason)
        return total, [r for r in reasons if r]

    def _name(self, forename: str, surname: str) -> tuple[float, list[str]]:
        found = self._names.get((forename, surname))
        if found is None:
            found = self._name_score(self.query, forename, surname)
            self._names[forename, surname] = found
        return found

    def _names_swapped(self, forename: str, surname: str) -> tuple[float, list[str]]:
        if self.swapped is None:
            return 0.0, []
        found = self._swapped.get((forename, surname))
        if found is None:
            score, reasons = self._name_score(self.swapped, forename, surname)
            found = (score * 0.95, ["Forename and surname the other way round", *reasons])
            self._swapped[forename, surname] = found
        return found

    def _dob(self, record_dob: date | None) -> tuple[float, str]:
        found = self._dobs.get(record_dob)
        if found is None:
            found = self._dobs[record_dob] = dob_score(self.query, record_dob)
        return found

    def best_name(self, candidate: Candidate) -> tuple[float, list[str]]:
        """The person's name, or the former name, alias or known-as that fits
        best, or their name with the typed names the other way round."""
        best = self._name(candidate.forename, candidate.surname)
        for forename, surname, name_type in candidate.other_names:
            score, reasons = self._name(
                forename or candidate.forename, surname or candidate.surname
            )
            score *= 0.99  # the current name wins a tie
            if score > best[0]:
                shown = " ".join(p for p in (forename, surname) if p)
                label = OTHER_NAME_LABELS.get(name_type, "Other name")
                best = (score, [f"{label} {shown}", *reasons])
        swapped = self._names_swapped(candidate.forename, candidate.surname)
        return swapped if swapped[0] > best[0] else best

    def __call__(self, candidate: Candidate) -> tuple[float, list[str]]:
        """The candidate's score and the reasons for it."""
        query = self.query
        name_total, name_reasons = self.best_name(candidate)
        d_score, d_reason = self._dob(candidate.dob)
        total = name_total + WEIGHTS["dob"] * d_score
        reasons = [*name_reasons, d_reason] if d_reason else list(name_reasons)
        result = total / self.weight if self.weight else 1.0
        if query.nhs:
            kind = candidate.identifiers.get(query.nhs)
            if kind:
                return 0.6 + 0.4 * result, [f"{kind[:1].upper()}{kind[1:]} matches", *reasons]
            if candidate.identifiers:
                result *= 0.85  # their number is a different one
            else:
                # No number on record: a namesake must not tie with the
                # person whose number was typed (both scored 1.0).
                result *= 0.95
        return result, reasons


def score(query: Query, candidate: Candidate) -> tuple[float, list[str]]:
    """The candidate's score and the reasons for it (Scorer, for many candidates)."""
    return Scorer(query)(candidate)
