"""Keeping the search keys in step with the records.

Called by the importer after each import, with every person it touched, and by
anything else that changes a person's names, date of birth or identifiers.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction

from disclose.records.models import Identifier, Person, PersonName, SearchKey

from .keys import NameFacts, PersonFacts, person_codes
from .names import normalise_identifier

BATCH = 5000


def reindex_persons(person_ids: Iterable[int]) -> int:
    """Rebuild the search keys of these persons; return how many keys were written.

    Works through the ids in batches: each batch deletes its persons' keys and
    inserts the new ones in one transaction, so a search never sees a person
    half indexed, and memory stays flat for ten million ids. Ids of persons
    that no longer exist just lose their keys.

    When there are no keys at all (a first import, or after the keys changed
    form), the key index is dropped while the keys go in and built once at the
    end: one sort instead of ten million random insertions.
    """
    written = 0
    table = _table()
    with transaction.atomic():
        fresh = not SearchKey.objects.exists()
        dropped = fresh and _drop_lookup_index()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # Up to 256 MB of page cache, for this connection only.
                cursor.execute("PRAGMA cache_size = -262144")
            for batch in _batches(person_ids, BATCH):
                rows = [(f.id, key) for f in load_facts(batch, cursor) for key in person_codes(f)]
                with transaction.atomic():
                    if not fresh:
                        among, params = _among(batch)
                        # Name from the model, values are parameters: nothing here is user input.
                        cursor.execute(f"DELETE FROM {table} WHERE person_id {among}", params)  # noqa: S608
                    _insert(cursor, rows)
                written += len(rows)
        if dropped:
            if connection.vendor == "sqlite":
                # SQLite sorts for CREATE INDEX in up to cache_size of memory on top
                # of the cache itself: 256 MB more at a million persons (issue 11, item 2).
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA cache_size = -65536")
            _create_lookup_index()
    return written


def _table() -> str:
    return connection.ops.quote_name(SearchKey._meta.db_table)


def _insert(cursor, rows: list[tuple[int, int]]) -> None:
    """Insert key rows: COPY on PostgreSQL, one prepared statement on SQLite.

    Sorted by key, so that the index pages they touch are touched in order.
    """
    rows.sort(key=lambda row: row[1])
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY {_table()} (person_id, key) FROM STDIN") as copy:
            # Two integers a line need no escaping: COPY's text written in one
            # piece, not a call per row (a million persons have ten million keys).
            copy.write("".join([f"{person}\t{key}\n" for person, key in rows]))
        return
    # Name from the model, values are parameters: nothing here is user input.
    cursor.executemany(f"INSERT INTO {_table()} (person_id, key) VALUES (%s, %s)", rows)  # noqa: S608


def _lookup_index():
    (index,) = SearchKey._meta.indexes
    return index


def _drop_lookup_index() -> bool:
    """Drop the key index if it is there (in a migration it is made only at the end)."""
    name = _lookup_index().name
    with connection.cursor() as cursor:
        if name not in connection.introspection.get_constraints(cursor, SearchKey._meta.db_table):
            return False
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return True


def _create_lookup_index() -> None:
    editor = connection.schema_editor()
    with connection.cursor() as cursor:
        cursor.execute(str(_lookup_index().create_sql(SearchKey, editor)))
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {_table()}")  # the planner should know the new sizes


def reindex_all() -> int:
    """Rebuild the keys of every person (after a schema change to the keys)."""
    ids = Person.objects.order_by("id").values_list("id", flat=True).iterator(chunk_size=BATCH)
    return reindex_persons(ids)


def load_facts(person_ids: list[int], cursor=None) -> list[PersonFacts]:
    """Names, date of birth and identifiers of these persons, in three queries."""
    if cursor is None:
        with connection.cursor() as own:
            return load_facts(person_ids, own)
    facts: dict[int, PersonFacts] = {}
    among, params = _among(person_ids)
    quote = connection.ops.quote_name
    person = quote(Person._meta.db_table)
    names, ids = quote(PersonName._meta.db_table), quote(Identifier._meta.db_table)
    # Raw SQL: for ten million persons, compiling ORM queries was a tenth of the time.
    # Names from the models, values are parameters: nothing here is user input.
    cursor.execute(
        f"SELECT id, forename, surname, dob, nhs_number FROM {person} WHERE id {among}",  # noqa: S608
        params,
    )
    for pk, forename, surname, dob, nhs in cursor.fetchall():
        found = {normalise_identifier(nhs)} if nhs.strip() else set()
        facts[pk] = PersonFacts(pk, dob, [NameFacts(forename, surname)], found)
    others = defaultdict(list)
    cursor.execute(
        f"SELECT person_id, forename, surname FROM {names} WHERE person_id {among}",  # noqa: S608
        params,
    )
    for pk, forename, surname in cursor.fetchall():
        others[pk].append((forename, surname))
    for pk, more in others.items():
        if pk in facts:
            main = facts[pk].names[0]
            # An other name with only a surname (a maiden name) keeps the forename.
            facts[pk].names += [NameFacts(f or main.forename, s or main.surname) for f, s in more]
    cursor.execute(
        f"SELECT person_id, value FROM {ids} WHERE person_id {among}",  # noqa: S608
        params,
    )
    for pk, value in cursor.fetchall():
        if pk in facts and value.strip():
            facts[pk].identifiers.add(normalise_identifier(value))
    return list(facts.values())


def _among(ids: list[int]) -> tuple[str, list]:
    """`IN (...)` for these ids: on PostgreSQL one array parameter, not 5,000
    placeholders (psycopg took 60 ms to parse each such query; issue 11, item 2)."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [list(ids)]
    return f"IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while batch := list(islice(it, size)):
        yield batch
