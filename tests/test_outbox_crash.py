"""A worker killed in the middle of sending (issue 14): after a restart every
email is delivered, and none twice.

Everything is real and separate, as in production: a fresh database of the
suite's kind (a SQLite file, or a new PostgreSQL database), `disclose
run-worker` processes, and an SMTP server on localhost. The server holds one
email at the end of its DATA, the way a slow relay does, and the test kills
the worker (SIGKILL: no clean-up) while it waits for the answer. As SMTP has
it, an email the server never acknowledged is not delivered: the server
drops it when the connection goes. The outbox still holds the killed worker's
claim on its batch; once the claim runs out (OUTBOX_LEASE_SECONDS, 2 s here)
the restarted worker takes the batch again and sends each email, with the
same Message-ID as before.
"""

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from conftest import free_port
from django.db import connection

EMAILS = 20
HELD = 5  # the server holds the fifth email it is given


class SlowRelay:
    """Takes emails, but holds the HELD-th until its sender goes away."""

    def __init__(self):
        self.accepted, self.seen = [], 0
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.seen += 1
        if self.seen == HELD:
            self.holding.set()
            while not server.transport.is_closing():
                await asyncio.sleep(0.05)
            return "451 Sender went away before the answer"  # never reaches anyone
        self.accepted.append(message_from_bytes(envelope.content)["Message-ID"])
        return "250 Message accepted for delivery"


@pytest.fixture
def database_url(tmp_path, django_db_blocker):
    """A new, empty database the worker processes can reach."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        return
    import psycopg

    params = connection.settings_dict
    name = f"disclose_crash_{uuid.uuid4().hex[:10]}"
    server = {
        "host": params["HOST"] or "localhost",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield (
        f"postgres://{server['user']}:{server['password']}@{server['host']}:{server['port']}/{name}"
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def disclose_env(tmp_path: Path, database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_FILE")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="disclose.settings",
        DISCLOSE_DATA_DIR=str(tmp_path / "data"),
        DISCLOSE_SECRET_KEY="crash-test",
        DISCLOSE_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DISCLOSE_EMAIL_HOST="127.0.0.1",
        DISCLOSE_EMAIL_PORT=str(port),
        DISCLOSE_EMAIL_TIMEOUT="30",
        DISCLOSE_OUTBOX_LEASE_SECONDS="2",
    )
    return env


QUEUE = f"""
from django.db import transaction
from disclose.outbox.queue import queue_email
with transaction.atomic():
    for n in range({EMAILS}):
        queue_email(to=f"worker{{n}}@council.example", subject=f"Task {{n}}",
                    body="A task has landed on you.", kind="staff", description=f"Task {{n}}")
"""
STATUS = """
import json
from disclose.outbox.models import Outgoing
print(json.dumps(list(Outgoing.objects.order_by("id").values("key", "status", "attempts"))))
"""


def disclose(env, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "disclose.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a busy machine migrating PostgreSQL
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "disclose.cli", "run-worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def test_a_worker_killed_mid_send_leaves_nothing_lost_and_nothing_sent_twice(
    tmp_path, database_url
):
    relay = SlowRelay()
    server = Controller(relay, hostname="127.0.0.1", port=free_port())
    server.start()
    env = disclose_env(tmp_path, database_url, server.port)
    workers = []
    try:
        disclose(env, "migrate", "--verbosity", "0")
        disclose(env, "shell", "-v", "0", "-c", QUEUE)
        keys = [row["key"] for row in json.loads(disclose(env, "shell", "-v", "0", "-c", STATUS))]

        workers.append(start_worker(env))
        assert relay.holding.wait(timeout=300), "the worker never sent the held email"
        workers[0].send_signal(signal.SIGKILL)  # mid-send: the server has not answered
        workers[0].wait(timeout=10)
        assert len(relay.accepted) == HELD - 1
        left = json.loads(disclose(env, "shell", "-v", "0", "-c", STATUS))
        assert {r["status"] for r in left[HELD - 1 :]} == {"sending"}  # claimed, not sent

        workers.append(start_worker(env))
        wait_for(lambda: len(relay.accepted) >= EMAILS, 300, "every email to arrive")
        time.sleep(1)  # anything sent twice would arrive now
        workers[1].send_signal(signal.SIGTERM)
        workers[1].wait(timeout=30)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        server.stop()

    assert sorted(relay.accepted) == sorted(keys)  # every one delivered, none twice
    final = json.loads(disclose(env, "shell", "-v", "0", "-c", STATUS))
    assert {r["status"] for r in final} == {"delivered"}
    held = next(r for r in final if r["key"] not in relay.accepted[: HELD - 1])
    assert held["attempts"] == 2  # tried once by the worker that died, once after
