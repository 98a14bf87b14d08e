"""Normalising names, numbers and dates the same way for the index and the query."""

import re
import unicodedata
from datetime import date
from functools import lru_cache

import jellyfish

from .nicknames import forename_forms

_NOT_LETTERS = re.compile(r"[^a-z\s-]")
_SEPARATORS = re.compile(r"[\s-]+")


@lru_cache(maxsize=100_000)
def clean(text: str) -> str:
    """Lower case ASCII letters, spaces and hyphens: 'O'Brien-Núñez' -> 'obrien-nunez'."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return _NOT_LETTERS.sub("", ascii_text.lower()).strip(" -")


@lru_cache(maxsize=100_000)
def parts(text: str) -> tuple[str, ...]:
    """The words of a name: 'Smith-Jones' and 'Smith Jones' both give ('smith', 'jones')."""
    return tuple(p for p in _SEPARATORS.split(clean(text)) if p)


@lru_cache(maxsize=100_000)
def sound(word: str) -> str:
    """A phonetic code, so Smith and Smyth, Jayden and Jaden share a key."""
    # Thompson/Thomson and Simpson/Simson differ only by a silent p.
    return jellyfish.metaphone(word.replace("mps", "ms")) or word


def surname_keys(surname: str) -> set[str]:
    """One phonetic code per part of a (possibly double-barrelled) surname."""
    return {sound(p) for p in parts(surname)[:3]}


def forename_sound(forename: str) -> str:
    """The phonetic code of the first forename ('' when there is none)."""
    words = parts(forename)
    return sound(words[0]) if words else ""


def forename_keys(forename: str) -> set[str]:
    """Phonetic codes of the first forename and of its nickname forms.

    Bill gives BL plus the codes of William and Robert; a record for William has
    WLM among its keys, so either finds the other, and so do Jaden and Jayden.
    """
    words = parts(forename)
    if not words:
        return set()
    return {sound(form) for form in forename_forms(words[0])}


def normalise_identifier(value: str) -> str:
    """NHS numbers and case numbers compare without spaces, hyphens or case."""
    return re.sub(r"[\s-]+", "", value or "").upper()


def swapped(dob: date) -> date | None:
    """The date with day and month exchanged, when that is a different valid date."""
    if dob.day > 12 or dob.day == dob.month:
        return None
    return date(dob.year, dob.day, dob.month)


def one_digit_away(dob: date) -> set[date]:
    """Every valid date that differs from dob in one digit of DDMMYYYY."""
    digits = dob.strftime("%d%m%Y")
    found = set()
    for i, old in enumerate(digits):
        for new in "0123456789":
            if new == old:
                continue
            text = digits[:i] + new + digits[i + 1 :]
            try:
                candidate = date(int(text[4:]), int(text[2:4]), int(text[:2]))
            except ValueError:
                continue
            if 1900 <= candidate.year <= date.today().year + 1:
                found.add(candidate)
    return found


def year_apart(dob: date) -> set[date]:
    """The same day a year earlier and a year later.

    One digit wrong covers 1968 typed as 1969, but not 1969 typed as 1970 or
    1999 as 2000: a year out across a decade changes two digits or more.
    """
    found = set()
    for year in (dob.year - 1, dob.year + 1):
        try:
            found.add(dob.replace(year=year))
        except ValueError:  # 29 February in a year that has none
            continue
    return found


@lru_cache(maxsize=10_000)
def near_dates(dob: date) -> frozenset[date]:
    """The dates a record may hold when this one was typed: day and month
    swapped, one digit wrong, or the year out by one."""
    return frozenset((one_digit_away(dob) | year_apart(dob) | {swapped(dob)}) - {None, dob})


@lru_cache(maxsize=100_000)
def dob_relation(query: date, record: date) -> str:
    """'exact', 'swapped', 'digit' (one digit wrong), 'year' (the year out by
    one, across a decade) or '' for any other difference."""
    if query == record:
        return "exact"
    if swapped(query) == record:
        return "swapped"
    a, b = query.strftime("%d%m%Y"), record.strftime("%d%m%Y")
    if sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return "digit"
    if (query.day, query.month) == (record.day, record.month) and abs(
        query.year - record.year
    ) == 1:
        return "year"
    return ""
