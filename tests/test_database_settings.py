"""The database connection's settings for several processes (issue 11): on
PostgreSQL each process keeps its connection, and the app servers' SQL is
stopped after DISCLOSE_DB_STATEMENT_TIMEOUT seconds (disclose serve sets 30),
while the worker and commands run without a limit."""

import os
import subprocess
import sys

import pytest
from django.db import connection

pytestmark = pytest.mark.only_on("postgresql", reason="settings only PostgreSQL reads")

SHOW = """
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print(cursor.fetchone()[0], settings.DATABASES["default"]["CONN_MAX_AGE"])
"""


def run_shell(**env) -> str:
    """What a new `disclose` process, on the test database, is given."""
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "disclose.cli", "shell", "-v", "0", "-c", SHOW],
        env={**os.environ, "DATABASE_URL": f"{url}/{db['NAME']}", **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.django_db
def test_commands_run_without_a_statement_limit_and_keep_their_connection():
    assert run_shell(DISCLOSE_DB_STATEMENT_TIMEOUT="") == "0 600"


@pytest.mark.django_db
def test_a_statement_limit_set_for_the_app_servers_reaches_postgresql():
    assert run_shell(DISCLOSE_DB_STATEMENT_TIMEOUT="30") == "30s 600"
