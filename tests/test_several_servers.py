"""Two app servers on one PostgreSQL database (issue 11, item 5).

Two real `disclose serve` processes, each with its own processes inside,
share a fresh PostgreSQL database, as two machines behind a proxy would. A
session made once works on either server; a step taken on one is seen at
once on the other; and the same step sent to both at the same moment is
taken once, with the other refused in words, not a server error. PostgreSQL
only: SQLite is one file on one machine, so one server is all it serves.
"""

import json
import re
import subprocess
import sys
import threading
import time

import pytest
import requests
from conftest import free_port
from django.db import connection
from test_outbox_crash import database_url, disclose, disclose_env  # noqa: F401 - a fixture

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="several servers share a PostgreSQL database; SQLite serves one machine",
)

SET_UP = """
import json
from django.test import Client
from casework_factories import build_office, forwarded
from disclose.records.models import Role
for code in Role.Code:
    Role.objects.get_or_create(code=code.value)
office = build_office()
request = forwarded(office, office.closed_case())
sessions = []
for staff in (office.csm_t1, office.csm_t1, office.tm_t1):
    client = Client()
    client.force_login(staff)
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({"reference": request.reference, "sessions": sessions}))
"""

COUNTS = """
import json
from disclose.audit.models import AuditEvent
from disclose.records.models import CaseNote
print(json.dumps({
    "decisions": AuditEvent.objects.filter(event_type="decide").count(),
    "notes": CaseNote.objects.filter(text__icontains="approved").count(),
}))
"""


def last_json(output: str):
    """What a `disclose shell -c` script printed last (the shell talks first)."""
    return json.loads(output.strip().splitlines()[-1])


def start_server(env, port: int) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "disclose.cli", "serve", "--bind", f"127.0.0.1:{port}"]
        + ["--processes", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_healthy(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120  # a busy machine starting Django
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()[-3000:]
        try:
            if requests.get(f"{base}/health/", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} never became healthy")


def browser(base: str, session_id: str) -> requests.Session:
    signed_in = requests.Session()
    signed_in.cookies.set("sessionid", session_id, domain="127.0.0.1", path="/")
    signed_in.base = base
    return signed_in


def csrf_of(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def two_servers(tmp_path, database_url):  # noqa: F811 - the imported fixture
    env = disclose_env(tmp_path, database_url, free_port())
    env["PYTHONPATH"] = "tests"
    disclose(env, "migrate", "--verbosity", "0")
    made = last_json(disclose(env, "shell", "-c", SET_UP))
    ports = [free_port(), free_port()]
    servers = [start_server(env, port) for port in ports]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base, server in zip(bases, servers, strict=True):
            wait_until_healthy(base, server)
        yield env, bases, made
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)


@pytest.mark.django_db(transaction=True)
def test_two_servers_share_sessions_and_work_and_refuse_the_same_step_twice(two_servers):
    env, (first, second), made = two_servers
    reference = made["reference"]
    csm_session, csm_other_tab, manager = made["sessions"]

    # One sign-in, either server: the CSM's work is listed on both.
    for base in (first, second):
        page = browser(base, csm_session).get(f"{base}/", timeout=30)
        assert page.status_code == 200 and reference in page.text

    # The CSM presses "Record decision" in two tabs, one on each server, at once.
    url = f"/requests/{reference}/subjects/1/decide/"
    tabs = [browser(first, csm_session), browser(second, csm_other_tab)]
    tokens = [csrf_of(tab.get(f"{tab.base}{url}", timeout=30).text) for tab in tabs]
    start, answers = threading.Barrier(2), [None, None]

    def press(i: int) -> None:
        start.wait()
        answers[i] = tabs[i].post(
            f"{tabs[i].base}{url}",
            {"decision": "approve", "reason": "Specific and proportionate.", "confirm": "yes"}
            | {"csrfmiddlewaretoken": tokens[i]},
            headers={"Referer": f"{tabs[i].base}{url}"},
            allow_redirects=False,
            timeout=60,
        )

    threads = [threading.Thread(target=press, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 302], [a.text[:2000] for a in answers]
    refused = next(a for a in answers if a.status_code == 200).text
    assert "govuk-error-summary" in refused  # told why, in words
    assert last_json(disclose(env, "shell", "-c", COUNTS)) == {
        "decisions": 1,
        "notes": 1,
    }

    # Taken on one server, seen on the other: the team manager now has it to allocate.
    for base in (first, second):
        page = browser(base, manager).get(f"{base}/", timeout=30).text
        assert reference in page and "Allocate" in page
