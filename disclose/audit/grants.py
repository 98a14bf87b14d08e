"""Least-privilege grants for the web application's own PostgreSQL role (issue 6, point 3).

In production the tables belong to an owner role that runs `disclose migrate`;
the web application connects as a separate role that may read and write the
case tables but may only read and add audit events (and chain them). With the triggers in
`guard.py` that makes the trail append-only twice over. See
docs/deploy-database.md.
"""

import re

from django.db.backends.base.base import BaseDatabaseWrapper

from .guard import TABLE as AUDIT_TABLE

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# The application never needs to write these. The worker (the same role) chains
# audit events, so it may fill in those three columns; the triggers let it do so
# once, on an event not yet chained, and never touch what an event says.
READ_ONLY_TABLES = {
    AUDIT_TABLE: "SELECT, INSERT, UPDATE (seq, prev_hash, hash)",
    "django_migrations": "SELECT",
}
READ_WRITE = "SELECT, INSERT, UPDATE, DELETE"


class GrantError(ValueError):
    """A role we will not grant to, with the reason in plain words."""


def check_role_name(role: str) -> None:
    if not ROLE_NAME.match(role):
        raise GrantError(
            f"'{role}' is not a role name Disclose can use. "
            "Use lower-case letters, digits and underscores, starting with a letter."
        )


def grant_statements(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """The SQL, in order, that gives `role` exactly what the web application needs."""
    check_role_name(role)
    if connection.vendor != "postgresql":
        raise GrantError(
            "Roles and grants exist only on PostgreSQL. This database is "
            f"{connection.vendor}, where the web application and migrations share one file."
        )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database(), current_schema()")
        database, schema = cursor.fetchone()
    tables = sorted(connection.introspection.table_names(include_views=False))
    sql = [
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {role}",
        f"GRANT USAGE ON SCHEMA {quote(schema)} TO {role}",
    ]
    for table in tables:
        # Start from nothing, so running this again also takes away anything extra.
        sql.append(f"REVOKE ALL ON TABLE {quote(table)} FROM {role}")
        sql.append(
            f"GRANT {READ_ONLY_TABLES.get(table, READ_WRITE)} ON TABLE {quote(table)} TO {role}"
        )
    sql += [
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {quote(schema)} TO {role}",
        # Tables and sequences that later migrations create (as this owner) follow suit.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quote(schema)} GRANT {READ_WRITE} ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quote(schema)} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]
    return sql


def check_role_can_be_limited(connection: BaseDatabaseWrapper, role: str) -> None:
    """Refuse a role that grants could not limit: missing, a superuser, or the owner."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        found = cursor.fetchone()
        cursor.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass(%s)",
            [AUDIT_TABLE],
        )
        owner = (cursor.fetchone() or [None])[0]
    if found is None:
        raise GrantError(
            f"There is no role called {role}. Create it first: CREATE ROLE {role} LOGIN PASSWORD '...'."
        )
    if found[0]:
        raise GrantError(f"{role} is a superuser, so no grant can limit it. Use an ordinary role.")
    if role == owner:
        raise GrantError(
            f"{role} owns the tables, so it can do anything to them. "
            "The web application needs its own role, separate from the one that runs migrations."
        )


def apply(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    from django.db import transaction

    statements = grant_statements(connection, role)
    check_role_can_be_limited(connection, role)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements
