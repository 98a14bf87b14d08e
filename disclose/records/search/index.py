"""Keeping the search keys in step with the records.

Called by the importer after each import, with every person it touched, and by
anything else that changes a person's names, date of birth or identifiers.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction

from disclose.records.models import Identifier, Person, PersonName, SearchKey

from .keys import NameFacts, PersonFacts, person_keys
from .names import normalise_identifier

BATCH = 2000


def reindex_persons(person_ids: Iterable[int]) -> int:
    """Rebuild the search keys of these persons; return how many keys were written.

    Works through the ids in batches: each batch deletes its persons' keys and
    inserts the new ones in one transaction, so a search never sees a person
    half indexed, and memory stays flat for a million ids. Ids of persons that
    no longer exist just lose their keys.
    """
    written = 0
    if connection.vendor == "sqlite":
        # Keys land at random places in the (kind, key) index; with SQLite's
        # default 2 MB page cache a large index is re-read from disk on every
        # batch. Up to 256 MB, for this connection only.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    for batch in _batches(person_ids, BATCH):
        rows = [(f.id, kind, key) for f in load_facts(batch) for kind, key in person_keys(f)]
        with transaction.atomic():
            SearchKey.objects.filter(person_id__in=batch).delete()
            _insert(rows)
        written += len(rows)
    return written


def _insert(rows: list[tuple[int, str, str]]) -> None:
    """Insert key rows with one prepared statement (executemany).

    A million people have some ten million keys; bulk_create would build a
    model instance and an SQL string for each, where this sends the rows alone.
    """
    meta, quote = SearchKey._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(f).column) for f in ("person", "kind", "key"))
    # Names come from the model, values are parameters: nothing here is user input.
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


def reindex_all() -> int:
    """Rebuild the keys of every person (after a schema change to the keys)."""
    ids = Person.objects.order_by("id").values_list("id", flat=True).iterator(chunk_size=BATCH)
    return reindex_persons(ids)


def load_facts(person_ids: list[int]) -> list[PersonFacts]:
    """Names, date of birth and identifiers of these persons, in three queries."""
    facts: dict[int, PersonFacts] = {}
    rows = Person.objects.filter(id__in=person_ids).values_list(
        "id", "forename", "surname", "dob", "nhs_number"
    )
    for pk, forename, surname, dob, nhs in rows:
        ids = {normalise_identifier(nhs)} if nhs.strip() else set()
        facts[pk] = PersonFacts(pk, dob, [NameFacts(forename, surname)], ids)
    others = defaultdict(list)
    for pk, forename, surname in PersonName.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "forename", "surname"
    ):
        others[pk].append((forename, surname))
    for pk, names in others.items():
        if pk in facts:
            main = facts[pk].names[0]
            # An other name with only a surname (a maiden name) keeps the forename.
            facts[pk].names += [NameFacts(f or main.forename, s or main.surname) for f, s in names]
    for pk, value in Identifier.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "value"
    ):
        if pk in facts and value.strip():
            facts[pk].identifiers.add(normalise_identifier(value))
    return list(facts.values())


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while batch := list(islice(it, size)):
        yield batch
