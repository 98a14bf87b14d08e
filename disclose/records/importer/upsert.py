"""Bring one table into line with the extract in bulk, counting what changed.

Keys are the SSD ids (or, for rows the SSD gives no id, the columns that make
a row unique), so running the same extract twice changes nothing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from django.db import connection, models

BATCH = 5000


@dataclass
class TableCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }


@dataclass
class Outcome:
    """What one upsert did, by key, so that several upserts of one table can be combined."""

    created: set = field(default_factory=set)
    updated: set = field(default_factory=set)
    seen: set = field(default_factory=set)
    removed: set = field(default_factory=set)

    def merge(self, other: "Outcome") -> "Outcome":
        self.created |= other.created
        self.updated |= other.updated
        self.seen |= other.seen
        self.removed |= other.removed
        return self

    def count(self) -> TableCount:
        updated = self.updated - self.created
        return TableCount(
            created=len(self.created),
            updated=len(updated),
            unchanged=len(self.seen - self.created - updated),
            removed=len(self.removed),
        )


def existing_rows(
    model: type[models.Model], key: tuple[str, ...], fields: tuple[str, ...], queryset=None
) -> dict[tuple, tuple[int, tuple]]:
    """{key: (pk, values)} for the rows already in the database."""
    rows = (queryset if queryset is not None else model.objects.all()).order_by()
    existing = {}
    for values in rows.values_list(*key, "pk", *fields).iterator(chunk_size=BATCH):
        existing[values[: len(key)]] = (values[len(key)], values[len(key) + 1 :])
    return existing


def upsert(
    model: type[models.Model],
    rows: Iterable[dict],
    *,
    key: tuple[str, ...],
    fields: tuple[str, ...],
    existing: dict[tuple, tuple[int, tuple]] | None = None,
    create_defaults: dict | None = None,
    touch: dict | None = None,
) -> Outcome:
    """Create rows whose key is new, update rows whose fields differ, count the rest.

    Each row is a dict of model attribute names (foreign keys as `team_id`).
    `touch` is set on updated rows too (bulk_update does not run auto_now).
    """
    touch = touch or {}
    if existing is None:
        existing = existing_rows(model, key, fields)
    outcome, to_create, to_update = Outcome(), [], []
    # itemgetter gives a bare value for one name: keys are always tuples here.
    key_of = itemgetter(*key) if len(key) > 1 else lambda row, k=key[0]: (row[k],)
    seen, created = outcome.seen, outcome.created
    for row in rows:
        row_key = key_of(row)
        if row_key in seen:
            continue  # an exact repeat, allowed by validation
        seen.add(row_key)
        if row_key not in existing:
            to_create.append({**create_defaults, **row} if create_defaults else row)
            created.add(row_key)
            if len(to_create) >= BATCH:
                # Written as they come, so a million new rows are never all in memory.
                insert_rows(model, to_create)
                to_create.clear()
            continue
        values = tuple(row[name] for name in fields)
        if existing[row_key][1] != values:
            changed = dict(zip(fields, values, strict=True), **touch)
            to_update.append(model(pk=existing[row_key][0], **changed))
            outcome.updated.add(row_key)
    insert_rows(model, to_create)
    if to_update and fields:
        model.objects.bulk_update(to_update, [*fields, *touch], batch_size=500)
    return outcome


def insert_rows(model: type[models.Model], rows: list[dict]) -> None:
    """INSERT many rows: COPY on PostgreSQL, one prepared statement on SQLite.

    bulk_create builds a model instance and compiles SQL for every row, which
    made a 100,000-person import take minutes; this does neither. Fields a row
    does not give take the model's defaults (including auto_now), worked out
    once from the first row.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    sample = model(**rows[0])
    defaults = {}
    for f in fields:
        value = f.pre_save(sample, True)
        if connection.vendor != "postgresql" and value is not None:
            value = f.get_db_prep_save(value, connection)
        defaults[f.attname] = value
    names = [f.attname for f in fields]
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg turns dates, booleans and None into COPY's text itself.
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row.get(n, defaults[n]) for n in names])
            return
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model
            table, columns, ", ".join(["%s"] * len(fields))
        )
        # Times need Django's text form for SQLite (in UTC, without a zone); dates
        # pass as they are: the adapter Django registers writes them as isoformat().
        timed = [f.get_internal_type() == "DateTimeField" for f in fields]
        pairs = [(n, defaults[n]) for n in names]
        for start in range(0, len(rows), BATCH):
            params = [[row.get(n, d) for n, d in pairs] for row in rows[start : start + BATCH]]
            if any(timed):
                for values in params:
                    for i, is_time in enumerate(timed):
                        value = values[i]
                        if is_time and value is not None and not isinstance(value, str):
                            values[i] = fields[i].get_db_prep_save(value, connection)
            cursor.executemany(sql, params)


def remove_missing(
    model: type[models.Model],
    existing: dict[tuple, tuple[int, tuple]],
    outcome: Outcome,
    scope: set,
) -> None:
    """Delete rows the extract no longer has, for the people it covers (key[0] in scope).

    Only for rows the SSD gives no id of their own (addresses, other names, ...):
    the extract is the whole current list of those for each person it includes.
    """
    gone = [(k, pk) for k, (pk, _v) in existing.items() if k[0] in scope and k not in outcome.seen]
    pks = [pk for _k, pk in gone]
    for start in range(0, len(pks), BATCH):
        model.objects.filter(pk__in=pks[start : start + BATCH]).delete()
    outcome.removed |= {k for k, _pk in gone}
