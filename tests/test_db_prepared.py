"""On PostgreSQL each connection prepares the statements it runs often, so
the database plans a page's statements once, not on every page (issue 11).
On SQLite there is nothing to prepare: the setting is PostgreSQL's alone."""

from django.conf import settings
from django.db import connection

from disclose.records.models import Team


def test_a_statement_run_often_is_prepared_on_postgresql(db):
    for n in range(6):
        list(Team.objects.filter(team_id=f"T{n}"))  # the same statement, other values

    if connection.vendor != "postgresql":
        assert "server_side_binding" not in settings.DATABASES["default"].get("OPTIONS", {})
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "records_team"' in statement for statement in prepared), prepared
