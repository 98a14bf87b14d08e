"""Queries with typed-in errors, each labelled with the person it should find.

The errors are the ones officers meet: names misspelt, nicknames, one part of a
double-barrelled surname, a former name or alias, day and month swapped, one
digit of the date wrong, an NHS number typed with spaces. Some queries leave
the date of birth or the forename out, as real requests do.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from disclose.records.models import SearchKey

from .keys import code
from .names import clean, dob_relation, near_dates, one_digit_away, parts, sound, swapped
from .nicknames import forename_forms, short_forms
from .synthetic import Truth

VARIANTS = {
    "smith": "smyth", "smyth": "smith", "thompson": "thomson", "thomson": "thompson",
    "jayden": "jaden", "catherine": "kathryn", "stephen": "steven", "steven": "stephen",
    "philip": "phillip", "clarke": "clark", "davies": "davis", "macdonald": "mcdonald",
}  # fmt: skip
VOWELS = "aeiou"


@dataclass(frozen=True)
class LabelledQuery:
    kind: str
    query: dict
    expected: int


def misspell(rng: random.Random, word: str) -> str:
    """A believable typing or hearing error: a known variant, a dropped, doubled,
    swapped or wrong letter. Never returns the word unchanged."""
    w = word.lower()
    if w in VARIANTS and rng.random() < 0.5:
        return VARIANTS[w].title()
    for _ in range(20):
        i = rng.randrange(1, len(w)) if len(w) > 2 else 1
        op = rng.choice(["drop", "double", "swap", "vowel", "sound"])
        if op == "drop" and len(w) > 3:
            out = w[:i] + w[i + 1 :]
        elif op == "double":
            out = w[:i] + w[i - 1] + w[i:]
        elif op == "swap" and i < len(w) - 1:
            out = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        elif op == "vowel" and w[i] in VOWELS:
            out = w[:i] + rng.choice(VOWELS.replace(w[i], "")) + w[i + 1 :]
        elif op == "sound":
            out = w.replace("ph", "f").replace("y", "i").replace("ck", "k").replace("ie", "y")
        else:
            continue
        if out != w:
            return out.title()
    return (w + "e").title()


def _base(rng: random.Random, t: Truth, *, dob_chance: float = 0.8) -> dict:
    query = {"forename": t.forename, "surname": t.surname}
    if t.dob and rng.random() < dob_chance:
        query["dob"] = t.dob
    return query


def q_misspelling(rng, t: Truth) -> dict | None:
    query = _base(rng, t)
    key = rng.choice(["forename", "surname"])
    words = query[key].split("-")
    i = rng.randrange(len(words))
    words[i] = misspell(rng, words[i])
    query[key] = "-".join(words)
    return query


def q_nickname(rng, t: Truth) -> dict | None:
    name = clean(t.forename)
    options = short_forms(name) or sorted(forename_forms(name) - {name})
    if not options:
        return None
    return {**_base(rng, t), "forename": rng.choice(options).title()}


def q_double_barrelled(rng, t: Truth) -> dict | None:
    words = [w for w in t.surname.replace("-", " ").split() if w]
    if len(words) < 2:
        return None
    surname = rng.choice([words[0], words[1], " ".join(words)])
    return {**_base(rng, t), "surname": surname}


def q_other_name(rng, t: Truth) -> dict | None:
    if not t.other_names:
        return None
    forename, surname, _ = rng.choice(t.other_names)
    return {**_base(rng, t), "forename": forename or t.forename, "surname": surname or t.surname}


def q_swapped(rng, t: Truth) -> dict | None:
    if not t.dob or not swapped(t.dob):
        return None
    query = _base(rng, t, dob_chance=1.0)
    if rng.random() < 0.25:
        query.pop("forename")
    return {**query, "dob": swapped(t.dob)}


def q_digit(rng, t: Truth) -> dict | None:
    if not t.dob:
        return None
    query = _base(rng, t, dob_chance=1.0)
    if rng.random() < 0.25:
        query.pop("forename")
    return {**query, "dob": rng.choice(sorted(one_digit_away(t.dob)))}


def q_nhs(rng, t: Truth) -> dict | None:
    if not t.nhs:
        return None
    digits = t.nhs.replace(" ", "")
    typed = rng.choice([digits, f"{digits[:3]} {digits[3:6]} {digits[6:]}"])
    return {"nhs_number": typed} if rng.random() < 0.5 else {**_base(rng, t), "nhs_number": typed}


def q_two_errors(rng, t: Truth) -> dict | None:
    """A misspelt or shortened forename and a mistyped date, both at once."""
    if not t.dob:
        return None
    query = (q_nickname(rng, t) if rng.random() < 0.3 else None) or q_misspelling(rng, t)
    wrong_dates = sorted(one_digit_away(t.dob)) + [d for d in [swapped(t.dob)] if d]
    return {**query, "dob": rng.choice(wrong_dates)}


def cannot_tell_apart(expected: float, first: float) -> bool:
    """Whether a query that put someone else first, with these scores, is a
    tie rather than a miss: nothing typed in it favours the expected person.

    Either both score the same (twins when only the surname is typed, two Jack
    Smiths when no date is), or the one first fits every typed field exactly,
    by their name (1.0) or by another name on their record (0.99 or more; no
    inexact fit scores that much): the query then names them, whether the
    expected person fits it by a former name too (a current name wins that
    tie) or only loosely (Elaine Dyer typed for Eleanor Dyer when an Elaine
    Dyer is on record; Dom typed for a Dominic when another Dominic is
    recorded as known as Dom).
    """
    return expected == first or first >= 0.99


def fits_someone_else_as_well(labelled: LabelledQuery) -> bool:
    """Whether the query as typed fits someone else on record at least as well
    as the labelled person, by the records: a person other than the labelled
    one, holding the NHS number typed, born on the date typed or on a date that
    differs from it by the same kind of slip as the labelled person's date does
    (for each of these that was typed), and who either

    - has a recorded name (their own, or a former name, alias or known-as, a
      part left blank taken from their own name) whose forename and surname
      are the ones typed, or
    - bears the name the query was typed from, as far as it typed it (the
      forename when one was typed, the surname when one was). That is the
      labelled person's own name, with whatever error was made in it, unless
      the names typed are exactly another name on their record.

    The deliberate error can make a query fit someone else as well as, or
    better than, the person it was made from. Paul Smith with a date one digit
    out, when another Paul Smith was born on the date as typed. Or "Barnes,
    8 Apr 1961", made from Paul Barnes (born 8 Apr 1966) with one digit wrong,
    when Henry Barnes was born 9 Apr 1961: one digit from the typed date too,
    so nothing typed favours Paul. Or "Debs Harper, 9 Aug 2007", made from a
    Deborah Harper born 1 Aug 2007, when another Deborah Harper was born 9 Jan
    2007: whatever error made "Debs" from Deborah's name made it from the other
    Deborah's too, and both dates are one digit out. No search can then put the
    labelled person first except by luck, and a label saying it should is
    wrong. A different kind of slip does not count (one person a digit out, the
    other with day and month swapped): which slip is the likelier is search's
    judgement, and the figures are there to measure it. Nor does someone with
    a name that is only near the one typed, or a name of the labelled person's
    that the query did not type (their own name, when the query typed a former
    name exactly).

    This is decided from the records alone, never from search scores, so that
    it cannot hide a fault in scoring. Names compare as names.parts makes them,
    the form scoring compares exactly (case, accents, hyphens and spaces
    aside). The index only narrows the people to read (those holding the
    number, born on the typed date or one at the same slip from it, or sharing
    the sounds of the names typed or of the labelled person's name); the
    records decide.
    """
    from .query import _load
    from .scoring import Query

    query = Query(**labelled.query)
    forename, surname = parts(query.forename), parts(query.surname)
    if not (query.nhs or query.dob or surname):
        return False
    typed = (forename, surname)
    (person,) = _load([labelled.expected], with_identifiers=False)
    theirs = [_as_typed(name, forename, surname) for name in _names(person)]
    typed_from = typed if typed in theirs else theirs[0]
    dates = _dates_as_near(query.dob, person.dob)
    if query.nhs:
        keys = [code("n", query.nhs)]
    elif query.dob:
        keys = [code("d", d.isoformat()) for d in sorted(dates)]
    else:
        keys = [_sound_key(*typed), _sound_key(*typed_from)]
    others = SearchKey.objects.filter(key__in=keys).exclude(person_id=labelled.expected)
    ids = sorted(set(others.values_list("person_id", flat=True)))
    for other in _load(ids, with_identifiers=bool(query.nhs)):
        names = {_as_typed(name, forename, surname) for name in _names(other)}
        if (
            (not query.dob or other.dob in dates)
            and (not query.nhs or query.nhs in other.identifiers)
            and (typed in names or typed_from in names)
        ):
            return True
    return False


def _names(person) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every name on a person's record, as parts, their own first; a part left
    blank in another name is taken from their own name."""
    return [(parts(person.forename), parts(person.surname))] + [
        (parts(f or person.forename), parts(s or person.surname)) for f, s, _ in person.other_names
    ]


def _as_typed(name, forename: tuple[str, ...], surname: tuple[str, ...]) -> tuple:
    """A recorded name with the parts the query left blank left blank too."""
    return (name[0] if forename else (), name[1] if surname else ())


def _sound_key(forename: tuple[str, ...], surname: tuple[str, ...]) -> str:
    """The index's key for people whose names sound like these (keys.py)."""
    if forename:
        return code("sf", f"{sound(surname[0])}|{sound(forename[0])}")
    return code("s", sound(surname[0]))


def _dates_as_near(typed: date | None, born: date | None) -> set[date]:
    """The typed date and every date that differs from it by the same kind of
    slip (names.dob_relation: one digit, day and month swapped, the year out
    by one across a decade) as the labelled person's date of birth does.
    Only the typed date when the labelled person was born on it, has no date
    on record, or was born on a date that is no such slip from it."""
    if typed is None:
        return set()
    slip = dob_relation(typed, born) if born else ""
    if slip in ("", "exact"):
        return {typed}
    return {typed} | {d for d in near_dates(typed) if dob_relation(typed, d) == slip}


def score_of(labelled: LabelledQuery) -> float:
    """The expected person's score for this query, as search_persons gives it,
    also when they are not among the matches shown (behind many namesakes)."""
    from .query import _load
    from .scoring import Query, score

    query = Query(**labelled.query)
    (candidate,) = _load([labelled.expected], with_identifiers=bool(query.nhs))
    return round(score(query, candidate)[0], 3)


MAKERS: dict[str, Callable[[random.Random, Truth], dict | None]] = {
    "misspelling": q_misspelling,
    "nickname": q_nickname,
    "double-barrelled surname": q_double_barrelled,
    "former name or alias": q_other_name,
    "day and month swapped": q_swapped,
    "one digit wrong in date": q_digit,
    "NHS number": q_nhs,
    "name and date both wrong": q_two_errors,
}


def make_queries(truths: list[Truth], *, per_kind: int = 50, seed: int = 7) -> list[LabelledQuery]:
    """per_kind queries of each error kind, for people picked at random."""
    rng = random.Random(seed)  # noqa: S311
    queries = []
    for kind, maker in MAKERS.items():
        made = 0
        for _ in range(per_kind * 500):
            t = rng.choice(truths)
            query = maker(rng, t)
            if query:
                queries.append(LabelledQuery(kind, query, t.pk))
                made += 1
                if made == per_kind:
                    break
    return queries
