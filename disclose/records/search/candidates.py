"""Finding candidates: the persons under a set of keys, strongest first, bounded.

Every key found under adds its strength to a person; candidates are taken in
order of that total, then by person id, so the same query always scores the
same people, and a cap never drops someone found under a strong key for
someone found under a weak one.

A key whose bucket can be huge (a common surname's sound) is read in person
order up to PER_KEY rows, through the (key, person) index: the cost of a
lookup stays flat however many people share the key. A key that holds a date
of birth or an identifier is read whole: its bucket is small by nature.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from disclose.records.models import SearchKey

# Rows read from one unbounded key, at most (a surname sound at 10M people).
PER_KEY = 2000


@dataclass
class Lookup:
    """Key codes to look under, each with its strength."""

    bounded: dict[int, int] = field(default_factory=dict)
    unbounded: dict[int, int] = field(default_factory=dict)

    def add(self, key: int, strength: int, *, bounded: bool = True) -> None:
        keys = self.bounded if bounded else self.unbounded
        keys[key] = max(strength, keys.get(key, 0))

    def strength(self, key: int) -> int:
        return self.bounded.get(key) or self.unbounded.get(key, 0)

    def __bool__(self) -> bool:
        return bool(self.bounded or self.unbounded)


def candidate_ids(lookup: Lookup, cap: int, *, exclude: set[int] = frozenset()) -> list[int]:
    """Up to cap person ids under the lookup's keys, strongest first, then by id."""
    if not lookup:
        return []
    strength: dict[int, int] = defaultdict(int)
    for person, key in _rows(lookup):
        if person not in exclude:
            strength[person] += lookup.strength(key)
    ranked = sorted(strength.items(), key=lambda item: (-item[1], item[0]))
    return [person for person, _ in ranked[:cap]]


def _rows(lookup: Lookup) -> list[tuple[int, int]]:
    """(person, key) rows, in one statement; raw SQL because at a few
    milliseconds a search, compiling an ORM query would be half the time."""
    meta, quote = SearchKey._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    person, key = quote(meta.get_field("person").column), quote(meta.get_field("key").column)
    parts, params = [], []
    if lookup.bounded:
        marks = ", ".join(["%s"] * len(lookup.bounded))
        parts.append(f"SELECT {person}, {key} FROM {table} WHERE {key} IN ({marks})")  # noqa: S608
        params += sorted(lookup.bounded)
    # The first PER_KEY persons (by id) under each unbounded key.
    for i, value in enumerate(sorted(lookup.unbounded)):
        parts.append(
            f"SELECT * FROM (SELECT {person}, {key} FROM {table} "  # noqa: S608
            f"WHERE {key} = %s ORDER BY {person} LIMIT {PER_KEY}) AS k{i}"
        )
        params.append(value)
    # Names come from the model, values are parameters: nothing here is user input.
    sql = " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
