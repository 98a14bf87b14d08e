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
    sql, params = ranked_sql(lookup, cap, exclude=exclude)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [person for (person,) in cursor.fetchall()]


def ranked_sql(lookup: Lookup, cap: int, *, exclude: set[int] = frozenset()) -> tuple[str, list]:
    """A statement giving the ids of up to cap persons under the lookup's keys
    (column id), strongest first, then by id.

    Each person's strength is the sum of the strengths of the keys they were
    found under, added up in the database: the search then reads only the
    persons it scores, in the same statement (query._candidates), instead of
    every (person, key) row first. Raw SQL: at a few milliseconds a search,
    compiling an ORM query would be half the time.
    """
    meta, quote = SearchKey._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    person, key = quote(meta.get_field("person").column), quote(meta.get_field("key").column)
    parts, params = [], []
    # One branch per strength, each with its strength as a constant: a CASE
    # over a hundred keys took PostgreSQL longer to plan than to run.
    tiers: dict[int, list[int]] = {}
    for value, strength in sorted(lookup.bounded.items()):
        tiers.setdefault(strength, []).append(value)
    for strength, values in sorted(tiers.items(), reverse=True):
        if connection.vendor == "postgresql":
            which, values = "= ANY(%s)", [values]  # one array: a short statement to parse
        else:
            which = f"IN ({', '.join(['%s'] * len(values))})"
        parts.append(
            f"SELECT {person}, {int(strength)} AS strength FROM {table} WHERE {key} {which}"  # noqa: S608
        )
        params += values
    # The first PER_KEY persons (by id) under each unbounded key.
    for i, (value, strength) in enumerate(sorted(lookup.unbounded.items())):
        if value in lookup.bounded:
            continue  # read whole already
        parts.append(
            f"SELECT {person}, {int(strength)} AS strength FROM (SELECT {person} FROM {table} "  # noqa: S608
            f"WHERE {key} = %s ORDER BY {person} LIMIT {PER_KEY}) AS k{i}"
        )
        params.append(value)
    where = ""
    if exclude and connection.vendor == "postgresql":
        where = f"WHERE {person} <> ALL(%s)"
        params.append(sorted(exclude))
    elif exclude:
        where = f"WHERE {person} NOT IN ({', '.join(['%s'] * len(exclude))})"
        params += sorted(exclude)
    # Names come from the model, values are parameters: nothing here is user input.
    sql = (
        f"SELECT {person} AS id FROM ({' UNION ALL '.join(parts)}) AS hits {where} "  # noqa: S608
        f"GROUP BY {person} ORDER BY SUM(strength) DESC, {person} LIMIT {int(cap)}"
    )
    return sql, params
