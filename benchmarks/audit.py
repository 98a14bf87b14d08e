"""Audit events appended by many processes at once: before and after the sequencer (issue 11).

    .venv/bin/python benchmarks/audit.py [--database sqlite|postgresql] [--processes 1,4,16]
                                          [--seconds 5]

Each process stands for an app server recording page views (access events)
as fast as it can for --seconds. Two ways of appending, in the same run:

- "locked": as before issue 11, each event locks the one chain-head row and is
  chained at once (on SQLite, BEGIN IMMEDIATE: the whole database);
- "append": as now, `record_access` is one INSERT with no lock, and one more
  process runs the worker's sequencer (`chain_waiting` every --chain-every
  seconds, as `disclose run-worker` does). Its lag is how long chaining what
  was left took once the writers stopped.

Prints events a second and each append's p50/p95 in milliseconds, then checks
`audit verify`. PostgreSQL uses --database-url (a scratch database it creates
and drops, by default disclose_bench_audit on localhost).
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "disclose-audit-bench"
PG_URL = "postgres://disclose:disclose@localhost:5432/disclose_bench_audit"


def _environment(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DISCLOSE_DATA_DIR"] = str(SCRATCH)
    os.environ["DISCLOSE_AUDIT_CHECKPOINT_DIR"] = str(SCRATCH / "checkpoints")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclose.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()


def _admin_url(url: str) -> str:
    return url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"


def _drop(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')


def _fresh_database(database: str, url: str) -> str:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        db = SCRATCH / "bench.sqlite3"
        for leftover in SCRATCH.glob("bench.sqlite3*"):
            leftover.unlink()
        return f"sqlite:///{db}"
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(_admin_url(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _locked_record() -> None:
    """The append as it was before issue 11: lock the head, chain, insert, move the head."""
    from django.db import transaction
    from django.utils import timezone

    from disclose.audit.hashing import event_mac, link_hash
    from disclose.audit.models import AuditEvent, ChainHead

    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            category=AuditEvent.Category.ACCESS,
            event_type="person_viewed",
            detail={"via": "benchmark"},
            prev_hash=head.hash,
        )
        event.mac = event_mac(event)
        event.hash = link_hash(head.hash, event.seq, event.mac)
        event.save()
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])


def _append_record() -> None:
    from disclose.audit.log import record_access

    record_access(event_type="person_viewed", actor=None, detail={"via": "benchmark"})


def _writer(url: str, mode: str, seconds: float, start, results) -> None:
    _environment(url)
    append = _locked_record if mode == "locked" else _append_record
    append()  # connect before the clock starts
    times = []
    start.wait()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        began = time.perf_counter()
        append()
        times.append(time.perf_counter() - began)
    results.put(times)


def _sequencer(url: str, every: float, stop, lag) -> None:
    """The worker's loop: chain what is waiting, then wait (DISCLOSE_AUDIT_CHAIN_SECONDS)."""
    _environment(url)
    from disclose.audit.sequencer import chain_waiting

    while not stop.wait(every):
        chain_waiting()
    stopped = time.monotonic()
    chain_waiting()
    lag.put(time.monotonic() - stopped)


def _run(url: str, mode: str, processes: int, seconds: float, every: float) -> dict:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(processes + 1), ctx.Queue()
    stop, lag = ctx.Event(), ctx.Queue()
    writers = [
        ctx.Process(target=_writer, args=(url, mode, seconds, start, results))
        for _ in range(processes)
    ]
    sequencer = (
        ctx.Process(target=_sequencer, args=(url, every, stop, lag)) if mode == "append" else None
    )
    for process in writers + ([sequencer] if sequencer else []):
        process.start()
    start.wait()
    times = [t for _ in writers for t in results.get()]
    for process in writers:
        process.join()
    stop.set()
    waited = lag.get() if sequencer else 0.0
    if sequencer:
        sequencer.join()
    times.sort()
    return {
        "events": len(times),
        "per_second": len(times) / seconds,
        "p50": statistics.median(times) * 1000,
        "p95": times[int(len(times) * 0.95)] * 1000,
        "lag": waited,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--database-url", default=PG_URL)
    parser.add_argument("--processes", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument(
        "--chain-every", type=float, default=2.0, help="the sequencer's interval, in seconds"
    )
    args = parser.parse_args()

    url = _fresh_database(args.database, args.database_url)
    _environment(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from disclose.audit.log import verify

    print(f"Audit appends on {args.database}, {args.seconds:g} s each (events/s, ms per append)")
    print(f"{'processes':>9}  {'mode':<7} {'events/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'lag s':>6}")
    for processes in [int(n) for n in args.processes.split(",")]:
        for mode in ("locked", "append"):
            r = _run(url, mode, processes, args.seconds, args.chain_every)
            lag = f"{r['lag']:.2f}" if mode == "append" else "-"
            print(
                f"{processes:>9}  {mode:<7} {r['per_second']:>9.0f} {r['p50']:>8.2f} "
                f"{r['p95']:>8.2f} {lag:>6}",
                flush=True,
            )
    result = verify()
    print(f"audit verify: {'ok' if result.ok else result.problem}, {result.events} events")
    if args.database == "postgresql":
        _drop(url)


if __name__ == "__main__":
    main()
