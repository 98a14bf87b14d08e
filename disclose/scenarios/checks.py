"""Checks for single values in a scenario file.

Each check takes the raw YAML value and the ids the file defines, and returns
the clean value or raises Bad with a plain-English problem that says what to
write instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


class Bad(ValueError):
    """One problem with one value; the caller adds the file and the field."""


@dataclass(frozen=True)
class Ids:
    """The ids a file defines, so references can be checked before anything is built."""

    staff: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()
    holdings: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()
    localities: frozenset[str] = frozenset()
    subjects: int = 0


Check = Callable[[Any, Ids], Any]


def _one_of(values: tuple[str, ...] | frozenset[str]) -> str:
    return ", ".join(sorted(values)) if values else "(none defined)"


def text(value: Any, ids: Ids) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise Bad("must be text")
    value = str(value).strip()
    if not value:
        raise Bad("must not be empty")
    return value


def optional_text(value: Any, ids: Ids) -> str:
    return "" if value is None else text(value, ids)


def boolean(value: Any, ids: Ids) -> bool:
    if not isinstance(value, bool):
        raise Bad(f"'{value}' is not true or false")
    return value


def a_date(value: Any, ids: Ids) -> date:
    if isinstance(value, datetime):
        raise Bad(f"'{value}' has a time; write the date only, as YYYY-MM-DD")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise Bad(f"'{value}' is not a date; write it as YYYY-MM-DD, like 2014-01-31") from None


def optional_date(value: Any, ids: Ids) -> date | None:
    return None if value is None else a_date(value, ids)


def enum(*values: str) -> Check:
    def check(value: Any, ids: Ids) -> str:
        if value not in values:
            raise Bad(f"'{value}' is not allowed; use one of: {', '.join(values)}")
        return value

    return check


def _ref(kind: str, pick: Callable[[Ids], frozenset[str]], nullable: bool) -> Check:
    def check(value: Any, ids: Ids) -> str | None:
        if value is None and nullable:
            return None
        known = pick(ids)
        if not isinstance(value, str | int) or isinstance(value, bool) or str(value) not in known:
            raise Bad(f"unknown {kind} '{value}'; the file defines: {_one_of(known)}")
        return str(value)

    return check


staff_ref = _ref("staff id", lambda ids: ids.staff, nullable=False)
optional_staff_ref = _ref("staff id", lambda ids: ids.staff, nullable=True)
person_ref = _ref("person id", lambda ids: ids.persons, nullable=False)
person_ref_or_null = _ref("person id", lambda ids: ids.persons, nullable=True)
holding_ref = _ref("holding id", lambda ids: ids.holdings, nullable=False)
team_ref = _ref("team id", lambda ids: ids.teams, nullable=False)
optional_team_ref = _ref("team id", lambda ids: ids.teams, nullable=True)
optional_locality = _ref("locality", lambda ids: ids.localities, nullable=True)


def subject_number(value: Any, ids: Ids) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= ids.subjects:
        raise Bad(
            f"'{value}' is not a subject of the request; use a number from 1 to {ids.subjects}"
        )
    return value


def text_list(value: Any, ids: Ids) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (text(value, ids),)
    if not isinstance(value, list):
        raise Bad("must be a list, like [first, second]")
    return tuple(text(item, ids) for item in value)


def list_of(check: Check) -> Check:
    def checker(value: Any, ids: Ids) -> tuple:
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        return tuple(check(item, ids) for item in items)

    return checker


def hard_copy_items(value: Any, ids: Ids) -> tuple[dict, ...]:
    """`items` of request_hard_copies: a list of {title, third_party, source}."""
    if not isinstance(value, list) or not value:
        raise Bad("must be a list of {title, third_party, source}")
    items = []
    for n, item in enumerate(value, start=1):
        if not isinstance(item, dict) or "title" not in item:
            raise Bad(f"item {n} must be {{title, third_party, source}}")
        unknown = set(item) - {"title", "third_party", "source"}
        if unknown:
            raise Bad(f"item {n} has unknown field '{sorted(unknown)[0]}'")
        try:
            items.append(
                {
                    "title": text(item["title"], ids),
                    "third_party": boolean(item.get("third_party", False), ids),
                    "source": optional_text(item.get("source"), ids),
                }
            )
        except Bad as bad:
            raise Bad(f"item {n}: {bad}") from None
    return tuple(items)


LAWFUL_BASIS_KEYS = ("article_6", "article_9", "schedule_2_exemption")


def lawful_basis(value: Any, ids: Ids) -> dict[str, str] | None:
    """UK GDPR Article 6 basis and Article 9 / DPA 2018 Sch 1 condition, or a Sch 2
    exemption (Disclose's structured form, docs/scenarios.md); or, as the spec
    allows, plain text: a sentence naming the basis, kept as it was written."""
    if value is None:
        return None
    if isinstance(value, str):
        return {"statement": text(value, ids)}
    if not isinstance(value, dict):
        raise Bad(
            f"must be a sentence naming the basis, or a mapping with some of: "
            f"{', '.join(LAWFUL_BASIS_KEYS)}"
        )
    unknown = set(value) - set(LAWFUL_BASIS_KEYS)
    if unknown:
        raise Bad(f"unknown key '{sorted(unknown)[0]}'; use: {', '.join(LAWFUL_BASIS_KEYS)}")
    return {key: text(v, ids) for key, v in value.items()}
