"""Append-only at the database: triggers that refuse to change or remove audit events.

The hash chain shows tampering after the fact; these triggers stop it
happening through the application at all (issue 6, point 3). The one change
allowed is the sequencer's: filling in an unchained event's place in the
chain, once (issue 11). On PostgreSQL the grants in `grants.py` add a second
wall: the application's role may only SELECT and INSERT audit events, and
UPDATE only those three columns. ChainHead is deliberately not guarded: it is
the one row that moves forward as events are chained.

Migrations audit 0003 and 0004 install the triggers. The SQL here is what
they run, so change it only together with a new migration.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
MESSAGE = "Audit events cannot be changed or deleted. The audit trail only accepts new events."

# What an event says, which nothing may change once written. The sequencer may
# only fill in seq, prev_hash and hash, once, on an event not yet chained.
CONTENT = (
    "id",
    "at",
    "category",
    "event_type",
    "actor_id",
    "person_id",
    "request_reference",
    "detail",
    "mac",
)

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.seq IS NULL
           AND ({", ".join("NEW." + c for c in CONTENT)})
               IS NOT DISTINCT FROM ({", ".join("OLD." + c for c in CONTENT)}) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '{MESSAGE} (% refused on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;
"""
# Row-level for UPDATE and DELETE, statement-level for TRUNCATE (which has no rows).
PG_TRIGGERS = {
    "audit_event_chain_only": (
        f"CREATE TRIGGER audit_event_chain_only BEFORE UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
    ),
    "audit_event_no_truncate": (
        f"CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
    ),
}
_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CONTENT)
SQLITE_TRIGGERS = {
    "audit_event_chain_only": (
        f"CREATE TRIGGER IF NOT EXISTS audit_event_chain_only BEFORE UPDATE ON {TABLE} "
        f"WHEN OLD.seq IS NOT NULL OR {_CHANGED} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    ),
    "audit_event_no_delete": (
        f"CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    ),
}
# Before the sequencer (issue 11) these refused every UPDATE; migration 0004 drops them.
LEGACY_TRIGGERS = {
    "postgresql": ["audit_event_no_update_delete"],
    "sqlite": ["audit_event_no_update"],
}


def expected_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    if connection.vendor == "postgresql":
        return set(PG_TRIGGERS)
    if connection.vendor == "sqlite":
        return set(SQLITE_TRIGGERS)
    return set()


def active_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """The guard triggers present and enabled on the audit table now."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s) "
                "AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        else:
            return set()
        return {row[0] for row in cursor.fetchall()} & expected_triggers(connection)


def missing_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    return expected_triggers(connection) - active_triggers(connection)


def _create(connection: BaseDatabaseWrapper, names: set[str]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for name in sorted(names):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
                cursor.execute(PG_TRIGGERS[name])
        elif connection.vendor == "sqlite":
            for name in sorted(names):
                cursor.execute(SQLITE_TRIGGERS[name])


def install(connection: BaseDatabaseWrapper) -> None:
    """Create (or re-enable) the triggers. Safe to run again. Other databases: nothing."""
    missing = missing_triggers(connection)
    if missing:
        _create(connection, missing)


def drop_legacy(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for name in LEGACY_TRIGGERS.get(connection.vendor, []):
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def remove(connection: BaseDatabaseWrapper) -> None:
    drop_legacy(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in PG_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
            cursor.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


@contextmanager
def suspended(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Lift the guard for the block, inside one transaction, and put back what was there.

    Only the owner of the table can do this on PostgreSQL; the application's
    role cannot. Used by `flush` (emptying the whole database) and by tests
    that tamper with the chain on purpose.
    """
    from django.db import transaction

    with transaction.atomic(using=connection.alias):
        active = active_triggers(connection)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # ALTER TABLE refuses while deferred foreign-key checks are queued.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name in sorted(active):
                if connection.vendor == "postgresql":
                    cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {name}")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        yield
        _create(connection, active)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
