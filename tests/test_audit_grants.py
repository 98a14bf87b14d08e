"""The web app's PostgreSQL role may read and add audit events, never change them (issue 6)."""

import io
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from disclose.audit.log import record
from disclose.audit.models import AuditEvent
from disclose.audit.sequencer import chain_waiting

pytestmark = pytest.mark.django_db


def _grant(*args) -> str:
    out = io.StringIO()
    call_command("audit", "grant-app-role", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


on_postgresql = pytest.mark.only_on("postgresql", reason="roles and grants exist only there")


def _needs_createrole():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
        )
        if not cursor.fetchone()[0]:
            # Failed, not skipped: a skip would prove nothing (.ci/run grants it).
            pytest.fail(
                "the test database role cannot create roles: grant it CREATEROLE, as .ci/run does"
            )


@on_postgresql
def test_the_printed_grants_allow_only_select_insert_and_chaining_on_audit_events():
    sql = _grant("disclose_web").splitlines()
    assert (
        'GRANT SELECT, INSERT, UPDATE (seq, prev_hash, hash) ON TABLE "audit_auditevent" '
        "TO disclose_web;" in sql
    )
    assert 'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "audit_chainhead" TO disclose_web;' in sql
    assert 'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "records_person" TO disclose_web;' in sql
    assert not [line for line in sql if "TRUNCATE" in line]


def test_a_role_name_that_is_not_plain_is_refused():
    with pytest.raises(CommandError, match="not a role name Disclose can use"):
        _grant('web"; DROP TABLE x; --')


@pytest.mark.only_on("sqlite", reason="the message for a database without roles")
def test_on_sqlite_it_says_grants_need_postgresql():
    with pytest.raises(CommandError, match="only on PostgreSQL"):
        _grant("disclose_web")


@on_postgresql
def test_the_app_role_cannot_update_delete_or_truncate_audit_events():
    _needs_createrole()
    role = f"disclose_web_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        # All inside the test's transaction: the role vanishes when it rolls back.
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(f"GRANT {role} TO current_user")
    _grant(role, "--apply")
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {role}")
        record(event_type="as_app_role")  # adding is allowed
        assert chain_waiting() == 1  # and so is chaining, in the worker (the same role)
        for sql in [
            "UPDATE audit_auditevent SET event_type = 'x'",
            "UPDATE audit_auditevent SET seq = seq + 1",
            "DELETE FROM audit_auditevent",
            "TRUNCATE audit_auditevent",
        ]:
            refused = "permission denied|Audit events cannot be changed"
            with pytest.raises(DatabaseError, match=refused), transaction.atomic():
                cursor.execute(sql)
        cursor.execute("UPDATE records_person SET surname = surname")  # case tables stay writable
        cursor.execute("RESET ROLE")
    assert AuditEvent.objects.filter(event_type="as_app_role").count() == 1


@on_postgresql
def test_the_owner_is_refused_as_the_app_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="owns the tables"):
        _grant(owner, "--apply")
