"""`disclose import-records` at a county's scale: time and peak memory, SQLite or PostgreSQL.

    .venv/bin/python benchmarks/import_records.py [--persons 1000000]
        [--database postgres://disclose:disclose@localhost:5432/disclose_search_big]
        [--extract /tmp/disclose-import-bench/extract-1000000] [--again]

Writes a synthetic extract with `disclose demo-data` (once; kept for the next
run), empties the database (by default a SQLite file under /tmp; everything in
the database named is replaced), migrates it, then runs `disclose
import-records` in a child process and prints its wall time, CPU time (on
PostgreSQL with the server's own, for that database) and peak resident memory
of the import, and the load average when it ended. On a shared machine the CPU
time is the steadier figure. --again imports the same extract a second time, which must
change nothing.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "disclose-import-bench"
DISCLOSE = Path(sys.executable).parent / "disclose"


class _ServerCPU(threading.Thread):
    """CPU seconds PostgreSQL's server processes spend for one database while a
    command runs (checking foreign keys, building indexes): the import's own
    CPU time does not include them. Read from /proc twice a second."""

    def __init__(self, database: str) -> None:
        super().__init__(daemon=True)
        self.name_part = f" {database.rsplit('/', 1)[-1]} "
        self.seen: dict[int, float] = {}
        self.running = True

    def run(self) -> None:
        tick = os.sysconf("SC_CLK_TCK")
        while self.running:
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    command = (stat.parent / "cmdline").read_bytes().decode(errors="replace")
                    if not command.startswith("postgres:") or self.name_part not in command:
                        continue
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                self.seen[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / tick
            time.sleep(0.5)

    def seconds(self) -> float:
        self.running = False
        self.join()
        return sum(self.seen.values())


def _run(args: list[str], env: dict, database: str = "") -> tuple[float, float, float, float, str]:
    """Wall seconds, CPU seconds (with PostgreSQL's, for that database), of which
    PostgreSQL's, peak RSS in MB and the last line of output of one command."""
    server = _ServerCPU(database) if database.startswith("postgres") else None
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        if server:
            server.start()
        start = time.perf_counter()
        child = subprocess.Popen([str(DISCLOSE), *args], env=env, stdout=out, stderr=err)  # noqa: S603
        # wait4 gives this child's own resource use, not that of every child so far.
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        server_cpu = server.seconds() if server else 0.0
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            sys.exit(f"{args[0]} failed:\n{err.read()[-3000:]}")
        lines = out.read().strip().splitlines()
    # ru_maxrss is in KB on Linux.
    cpu = usage.ru_utime + usage.ru_stime + server_cpu
    return wall, cpu, server_cpu, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def _empty(database: str, env: dict) -> None:
    if database.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(database.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        code = "from django.db import connection; connection.cursor().execute("
        code += "'DROP SCHEMA public CASCADE; CREATE SCHEMA public')"
        subprocess.run([str(DISCLOSE), "shell", "-c", code], env=env, check=True)  # noqa: S603
    subprocess.run([str(DISCLOSE), "migrate", "-v0"], env=env, check=True)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--database", default=f"sqlite:///{SCRATCH / 'import.sqlite3'}")
    parser.add_argument("--extract", type=Path, help="an extract written earlier")
    parser.add_argument("--again", action="store_true", help="import the same extract twice")
    args = parser.parse_args()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": args.database, "DISCLOSE_DATA_DIR": str(SCRATCH)}
    extract = args.extract or SCRATCH / f"extract-{args.persons}"
    if not (extract / "ssd_person.csv").exists():
        wall, _cpu, _pg, _rss, line = _run(
            ["demo-data", str(extract), "--persons", str(args.persons), "--as-of", "2026-12-01"],
            env,
        )
        print(f"demo-data: {line}", flush=True)
    _empty(args.database, env)
    runs = ["first import", "same again"] if args.again else ["first import"]
    print(
        f"{'database':<11} {'run':<13} {'wall s':>8} {'cpu s':>8} {'of it pg':>8} "
        f"{'peak MB':>8}  load average  summary"
    )
    for label in runs:
        wall, cpu, pg, rss, line = _run(["import-records", str(extract)], env, args.database)
        vendor = "postgresql" if args.database.startswith("postgres") else "sqlite"
        # The machine may be shared: how busy it was, over the last 1, 5, 15 minutes.
        load = " ".join(f"{n:.1f}" for n in os.getloadavg())
        print(
            f"{vendor:<11} {label:<13} {wall:>8.1f} {cpu:>8.1f} {pg:>8.1f} {rss:>8.0f}  "
            f"{load:<12}  {line}",
            flush=True,
        )


if __name__ == "__main__":
    main()
