"""Two app servers and two workers on one PostgreSQL database (issue 11, item 5).

Two real `disclose serve` processes, each with its own processes inside, and
two `disclose run-worker` processes share a fresh PostgreSQL database, as
machines behind a proxy would, sending email to a real SMTP server on
localhost. A session made once works on either server; a step taken on one is
seen at once on the other; the same step sent to both at the same moment is
taken once, with the other refused in words, not a server error; and every
email (the step's, and the reminders both workers' jobs find due) arrives
once. PostgreSQL only: SQLite is one file on one machine, so one server is all
it serves.
"""

import json
import re
import subprocess
import sys
import threading
import time

import pytest
import requests
from aiosmtpd.controller import Controller
from conftest import Inbox, free_port
from test_outbox_crash import (  # noqa: F401 - database_url is a fixture
    database_url,
    disclose,
    disclose_env,
    start_worker,
    wait_for,
)

pytestmark = pytest.mark.only_on(
    "postgresql",
    reason="several servers share a PostgreSQL database; SQLite serves one machine",
)

SET_UP = """
import json
from django.test import Client
from casework_factories import build_office, forwarded, receive
from disclose.records.models import Role
for code in Role.Code:
    Role.objects.get_or_create(code=code.value)
office = build_office()
request = forwarded(office, office.closed_case())
receive(office, None)  # at intake: acknowledging it is due within two working days
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

OUTBOX = """
import json
from disclose.casework.models import Reminder
from disclose.outbox.models import Outgoing
emails = Outgoing.objects.filter(channel="email")
print(json.dumps({
    "keys": sorted(emails.values_list("key", flat=True)),
    "waiting": emails.exclude(status="delivered").count(),
    "due_soon": Reminder.objects.filter(kind="due_soon").count(),
}))
"""


WAIT = 300  # seconds for any one page: generous, as the machine may be busy


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
            if requests.get(f"{base}/health/", timeout=30).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or busy starting
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
    inbox = Inbox()
    mail = Controller(inbox, hostname="127.0.0.1", port=free_port())
    mail.start()
    env = disclose_env(tmp_path, database_url, mail.port)
    env["PYTHONPATH"] = "tests"
    # What is tested is sharing and exactly once, not speed: on a busy 2-core
    # machine a server's first pages can be slow, and the production limits
    # (30 s a page, 30 s a statement) would stop them.
    env["DISCLOSE_REQUEST_TIMEOUT"] = env["DISCLOSE_DB_STATEMENT_TIMEOUT"] = "300"
    processes = []
    try:
        disclose(env, "migrate", "--verbosity", "0")
        made = last_json(disclose(env, "shell", "-c", SET_UP))
        ports = [free_port(), free_port()]
        processes += [start_server(env, port) for port in ports]
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, server in zip(bases, processes, strict=True):
            wait_until_healthy(base, server)
        processes += [start_worker(env), start_worker(env)]
        yield env, bases, made, inbox
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        mail.stop()


@pytest.mark.django_db(transaction=True)
def test_two_servers_share_sessions_and_work_and_refuse_the_same_step_twice(two_servers):
    env, (first, second), made, inbox = two_servers
    reference = made["reference"]
    csm_session, csm_other_tab, manager = made["sessions"]

    # One sign-in, either server: the CSM's work is listed on both.
    for base in (first, second):
        page = browser(base, csm_session).get(f"{base}/", timeout=WAIT)
        assert page.status_code == 200 and reference in page.text

    # The CSM presses "Record decision" in two tabs, one on each server, at once.
    url = f"/requests/{reference}/subjects/1/decide/"
    tabs = [browser(first, csm_session), browser(second, csm_other_tab)]
    tokens = [csrf_of(tab.get(f"{tab.base}{url}", timeout=WAIT).text) for tab in tabs]
    start, answers = threading.Barrier(2), [None, None]

    def press(i: int) -> None:
        start.wait()
        answers[i] = tabs[i].post(
            f"{tabs[i].base}{url}",
            {"decision": "approve", "reason": "Specific and proportionate.", "confirm": "yes"}
            | {"csrfmiddlewaretoken": tokens[i]},
            headers={"Referer": f"{tabs[i].base}{url}"},
            allow_redirects=False,
            timeout=WAIT,
        )

    threads = [threading.Thread(target=press, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=WAIT + 30)
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
        page = browser(base, manager).get(f"{base}/", timeout=WAIT).text
        assert reference in page and "Allocate" in page

    # Both workers sent what was queued, each email once: the step's, and the
    # reminder both workers' reminder jobs found due.
    def all_sent() -> bool:
        return last_json(disclose(env, "shell", "-c", OUTBOX))["waiting"] == 0

    wait_for(all_sent, 180, "every email to be sent")
    time.sleep(2)  # anything sent twice would arrive now
    outbox = last_json(disclose(env, "shell", "-c", OUTBOX))
    received = sorted(message["Message-ID"] for _, message in inbox.emails())
    assert received == outbox["keys"] and len(received) >= 2
    assert outbox["due_soon"] == 1
