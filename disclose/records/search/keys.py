"""Blocking keys: the few short values under which a person can be found.

Kinds (each query looks up only the kinds its fields allow):
  n   identifier (NHS number, case numbers), spaces removed
  d   date of birth
  s   surname sound                     (surname-only searches)
  sf  surname sound + forename sound, for the forename and each of its forms
                                         (name searches without a date of birth)
  sd  surname sound + date of birth     (a date typed one digit wrong)
  fd  forename sound + date of birth    (the same, when the surname is different)
  fi  forename sound + surname initial  (surname misspelt beyond its sound)
  si  surname sound + forename initial  (forename misspelt beyond its sound)

Each key is stored as one 64-bit integer, a hash of its kind and text: eight
bytes in the index instead of a string of up to 40, and one integer comparison
per lookup. Two different keys sharing a code (about one chance in 10^19 per
pair) would only bring an extra candidate, which scoring then ranks as it is.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from hashlib import blake2b

from .names import forename_keys, forename_sound, parts, surname_keys


@dataclass
class NameFacts:
    forename: str
    surname: str


@dataclass
class PersonFacts:
    """What the index needs to know about one person."""

    id: int
    dob: date | None
    names: list[NameFacts]
    identifiers: set[str] = field(default_factory=set)


def _hash(kind: str, key: str) -> int:
    digest = blake2b(f"{kind}:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# A query asks for the same few hundred keys again and again.
code = lru_cache(maxsize=200_000)(_hash)
code.__doc__ = """The key as a signed 64-bit integer (what the index stores)."""


def _initial(name: str) -> str:
    words = parts(name)
    return words[0][0] if words else ""


def name_keys(forename: str, surname: str, *, query: bool = False) -> set[tuple[str, str]]:
    """Keys that need no date of birth.

    The record is indexed under its own forename sound for fi; a query looks
    there under the sounds of every form of the forename it was given.
    """
    keys: set[tuple[str, str]] = set()
    forms, s_keys = forename_keys(forename), surname_keys(surname)
    own = forms if query else {forename_sound(forename)} - {""}
    f_initial, s_initial = _initial(forename), _initial(surname)
    for s in s_keys:
        keys.add(("s", s))
        keys.update(("sf", f"{s}|{f}") for f in forms)
        if f_initial:
            keys.add(("si", f"{s}|{f_initial}"))
    if s_initial:
        keys.update(("fi", f"{f}|{s_initial}") for f in own)
    return keys


def dated_keys(
    forename: str, surname: str, dobs: Iterable[date], *, query: bool = False
) -> set[tuple[str, str]]:
    """Keys that pair a name with a date of birth (or, for a query, its likely mistypings)."""
    keys: set[tuple[str, str]] = set()
    s_keys = surname_keys(surname)
    own = forename_keys(forename) if query else {forename_sound(forename)} - {""}
    for dob in dobs:
        iso = dob.isoformat()
        keys.update(("sd", f"{s}|{iso}") for s in s_keys)
        keys.update(("fd", f"{f}|{iso}") for f in own)
    return keys


@lru_cache(maxsize=200_000)
def _name_codes(forename: str, surname: str) -> frozenset[int]:
    # Names repeat across people (many Jack Smiths): their keys are worked out once.
    return frozenset(_hash(kind, key) for kind, key in name_keys(forename, surname))


def person_codes(person: PersonFacts) -> set[int]:
    """Every key of a person, under each of their names (current, former, alias,
    known as), as the integers the index stores."""
    codes = {_hash("n", value) for value in person.identifiers}
    if person.dob:
        codes.add(_hash("d", person.dob.isoformat()))
    for name in person.names:
        codes |= _name_codes(name.forename, name.surname)
        if person.dob:
            dated = dated_keys(name.forename, name.surname, [person.dob])
            codes.update(_hash(kind, key) for kind, key in dated)
    return codes
