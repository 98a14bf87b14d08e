"""A first import builds the big tables' indexes once, after their rows are in.

Keeping an index up to date row by row while a million rows go in costs a
random write per row per index; building it at the end is one sort. So when
one of these tables is empty as the import starts, its secondary indexes are
dropped and made again, from their own definitions, once the load is done:
all inside the import's transaction, so an import that fails leaves them as
they were.

On PostgreSQL the same goes for foreign keys between two tables that both
start empty: checked row by row at commit, they doubled the time of a first
import; added again at the end, each is checked by one query. Foreign keys to
tables already in use (staff, teams) are left alone: dropping one would lock
that table, and people signing in, for the whole import.
"""

from contextlib import contextmanager

from django.db import connection, models

from disclose.records.models import (
    Address,
    Contact,
    CPPlan,
    Episode,
    Holding,
    Identifier,
    Involvement,
    Person,
    PersonName,
)

BIG_TABLES: tuple[type[models.Model], ...] = (
    Person,
    Identifier,
    Address,
    PersonName,
    Episode,
    Involvement,
    CPPlan,
    Contact,
    Holding,
)


@contextmanager
def indexes_built_after_load(tables=BIG_TABLES):
    """Drop the secondary indexes of the tables that are empty now; make them again after."""
    fresh = [m._meta.db_table for m in tables if not m.objects.exists()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            restore = _drop_postgresql(cursor, fresh)
        elif connection.vendor == "sqlite":
            restore = _drop_sqlite(cursor, fresh)
        else:  # pragma: no cover - Disclose runs on SQLite or PostgreSQL
            restore = []
    yield
    with connection.cursor() as cursor:
        postgresql = connection.vendor == "postgresql"
        if restore and postgresql:
            # PostgreSQL alters no table with checks still to run (foreign keys to
            # staff and teams, deferred to commit): run them now, then defer again.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in restore:
            cursor.execute(statement)
        if restore and postgresql:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        if connection.vendor == "postgresql":
            for table in fresh:
                # The planner should know the new sizes (the search keys need it).
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _drop_sqlite(cursor, fresh: list[str]) -> list[str]:
    restore = []
    for table in fresh:
        # Indexes SQLite makes itself (for a UNIQUE in CREATE TABLE) have no SQL and stay.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL ORDER BY name",
            [table],
        )
        for name, sql in cursor.fetchall():
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            restore.append(sql)
    return restore


def _drop_postgresql(cursor, fresh: list[str]) -> list[str]:
    indexes, keys = [], []
    quote = connection.ops.quote_name
    for table in fresh:
        # Plain indexes only: those behind a primary key or unique constraint stay.
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
            "ORDER BY c.relname",
            [quote(table)],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f"DROP INDEX {quote(name)}")
            indexes.append(definition)
        cursor.execute(
            "SELECT k.conname, pg_get_constraintdef(k.oid), r.relname FROM pg_constraint k "
            "JOIN pg_class r ON r.oid = k.confrelid "
            "WHERE k.conrelid = %s::regclass AND k.contype = 'f' ORDER BY k.conname",
            [quote(table)],
        )
        for name, definition, referenced in cursor.fetchall():
            if referenced not in fresh:
                continue
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            keys.append(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
    return indexes + keys
