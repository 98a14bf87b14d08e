"""The outbox draining to a local SMTP server (issue 14).

    .venv/bin/python benchmarks/outbox.py [--messages 10000] [--database URL]

Queues the messages in a scratch SQLite database under /tmp (or the database
given, which must be empty and will be migrated), starts a real SMTP server
on localhost (aiosmtpd, in a separate process, so it does not share our
interpreter), then runs the worker's delivery function (deliver_due) until the
outbox is empty. Prints how long queuing took per message, and the drain's
messages per second (wall and CPU), and checks that every message arrived
once. The machine is shared, so CPU time is the steadier figure.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "disclose-outbox-bench"

SERVER = """
import sys, time
from aiosmtpd.controller import Controller
class Count:
    def __init__(self): self.ids = []
    async def handle_DATA(self, server, session, envelope):
        for line in envelope.content.split(b"\\r\\n"):
            if line.lower().startswith(b"message-id:"):
                self.ids.append(line.split(b":", 1)[1].strip())
                break
        return "250 OK"
handler = Count()
controller = Controller(handler, hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.readline()
controller.stop()
print(len(handler.ids), len(set(handler.ids)), flush=True)
"""


def _setup_django(database: str | None) -> None:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    if database is None:
        db = SCRATCH / "bench.sqlite3"
        for path in SCRATCH.glob("bench.sqlite3*"):
            path.unlink()
        database = f"sqlite:///{db}"
    os.environ["DATABASE_URL"] = database
    os.environ["DISCLOSE_DATA_DIR"] = str(SCRATCH)
    os.environ["DJANGO_SETTINGS_MODULE"] = "disclose.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--database", help="an empty database URL (default: scratch SQLite)")
    options = parser.parse_args()
    _setup_django(options.database)

    from django.conf import settings
    from django.db import connection, transaction

    from disclose.outbox.delivery import deliver_due
    from disclose.outbox.models import Outgoing
    from disclose.outbox.queue import queue_email

    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter, our own script
        [sys.executable, "-c", SERVER, str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout.readline().strip() == "ready"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False

    n = options.messages
    started = time.perf_counter()
    with transaction.atomic():
        for i in range(n):
            queue_email(
                to=f"worker{i % 50}@council.example",
                subject=f"AR-2026-{i:06d}: a request for information has been allocated to you",
                body="Dear colleague,\n\nA request has been allocated to you.\n" * 8,
                kind="staff",
                description=f"Benchmark email {i}",
                request_reference=f"AR-2026-{i:06d}",
            )
    queued = time.perf_counter() - started

    wall, cpu = time.perf_counter(), time.process_time()
    delivered = 0
    while True:
        counts = deliver_due()
        delivered += counts["delivered"]
        if not counts["delivered"] and not counts["retrying"]:
            break
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    server.stdin.write("\n")
    server.stdin.flush()
    received, distinct = map(int, server.stdout.readline().split())
    server.wait()
    left = Outgoing.objects.exclude(status=Outgoing.Status.DELIVERED).count()

    print(f"database           {connection.vendor}")
    print(f"messages           {n}")
    print(f"queue, per message {queued / n * 1000:.2f} ms (in one transaction)")
    print(f"drain, wall        {wall:.1f} s = {delivered / wall:.0f} messages/s")
    print(f"drain, CPU         {cpu:.1f} s = {delivered / cpu:.0f} messages/s of CPU")
    print(f"received           {received} ({distinct} distinct Message-IDs)")
    print(f"not delivered      {left}")
    if received != n or distinct != n or left:
        sys.exit("FAILED: not every message arrived exactly once")


if __name__ == "__main__":
    main()
