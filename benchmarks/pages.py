"""Pages under load, served by the real server (issue 11, item 3).

    .venv/bin/python benchmarks/pages.py [--requests 5000] [--seconds 30]
        [--users 1,10,50] [--processes 5] [--turns 3] [--turn-seconds 10]
        [--database postgres://disclose:disclose@localhost/disclose_bench]

Builds a scratch database (a SQLite file under /tmp, or the PostgreSQL
database given, which is emptied first) with ten staff of five roles and
--requests requests received over the last year, in bulk, as
benchmarks/dashboard.py makes them, plus who held each part, then stores
their due dates as the steps would. Starts `disclose serve` on loopback, signs
the ten staff in (a session each, made as a sign-in makes it), and drives a
bounded load: at each number of users, first with each user pausing 5 s
between pages, then without pause. Each user is one of the ten staff and asks
for the pages their role uses: My work, the request page of a request they may
see, the dashboard (managers), and the trivial view (/health/: two small
queries, no template) as the reference served the same way in the same run.
Then, without pause, the trivial view alone and the app's pages alone, for
the pages per second each reaches at saturation, and the one as a share of
the other (issue 11's target: at least a quarter); then the two again, taking
--turns turns of --turn-seconds each, for the same share measured so that a
drift in the machine's speed slows both alike.

Prints, per load, p50/p95/p99 in milliseconds and pages per second for each
page, and the CPU time per page of the server (all its processes, those
gunicorn replaced included, from /proc) and of PostgreSQL's processes for the
database: on a machine shared with other work the latencies wander, the CPU
time much less.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SCRATCH = Path(tempfile.gettempdir()) / "disclose-pages-bench"
SECRET = "pages-benchmark-" + "k" * 40
PAUSE = 5.0
ROLES = [
    ("scimt1", "scimt_officer"),
    ("scimt2", "scimt_officer"),
    ("csm1", "csm"),
    ("csm2", "csm"),
    ("tm1", "team_manager"),
    ("tm2", "team_manager"),
    ("sw1", "social_worker"),
    ("sw2", "social_worker"),
    ("sw3", "social_worker"),
    ("ig1", "information_governance"),
]
MANAGERS = {"csm", "team_manager", "information_governance"}


def _setup(database: str) -> dict[str, str]:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    sqlite = SCRATCH / "bench.sqlite3"
    for leftover in SCRATCH.glob("bench.sqlite3*"):
        leftover.unlink()
    env = {
        **os.environ,
        "DATABASE_URL": database or f"sqlite:///{sqlite}",
        "DISCLOSE_DATA_DIR": str(SCRATCH),
        "DISCLOSE_SECRET_KEY": SECRET,
        "DJANGO_SETTINGS_MODULE": "disclose.settings",
    }
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    return env


def _staff() -> dict[str, object]:
    from disclose.records.models import Role, Staff, Team

    teams = [Team.objects.create(team_id=f"T{n}", name=f"Team {n}") for n in (1, 2)]
    made = {}
    for n, (username, role) in enumerate(ROLES):
        staff = Staff.objects.create(username=username, team=teams[n % 2])
        staff.roles.set(Role.objects.filter(code=role))
        made[username] = staff
    for n, team in enumerate(teams, start=1):
        team.csm, team.team_manager = made[f"csm{n}"], made[f"tm{n}"]
        team.save()
    return made


def _build(count: int, staff: dict, rng: random.Random) -> None:
    """Requests in bulk: at intake, with a CSM, with a worker, supplied, closed."""
    from django.utils import timezone

    from disclose.casework.models import IdentityCheck, PartHolder, Request, RequestSubject

    today = timezone.localdate()
    kinds = ["intake", "csm", "worker", "supplied", "closed"]
    Request.objects.bulk_create(
        Request(
            reference=f"AR-P-{n:06d}",
            received=today - timedelta(days=rng.randrange(365)),
            channel="email",
            requestor_name="Alex Example",
            requestor_agency=rng.choice(["police", "cafcass", "health", "ofsted"]),
            consent=True,
            details="Dates.",
            state={"intake": "received", "closed": "closed"}.get(kinds[n % 5], "forwarded"),
            owner=staff[f"scimt{1 + n % 2}"],
        )
        for n in range(count)
    )
    subjects, checks, holders = [], [], []
    for n, request in enumerate(Request.objects.order_by("id")):
        kind = kinds[n % 5]
        received = timezone.make_aware(datetime.combine(request.received, datetime.min.time()))
        forwarded = received + timedelta(days=rng.randrange(1, 8))
        fields = {"route": "", "state": "unmatched", "assignee": None}
        if kind != "intake":
            team = 1 + n % 2
            checks.append(
                IdentityCheck(
                    request=request,
                    checked_by=request.owner,
                    method="call_back",
                    outcome="verified",
                    checked_at=received + timedelta(days=1),
                )
            )
            if kind == "csm":
                fields = {"route": "closed_electronic:last_team_csm", "state": "awaiting_decision"}
                fields["assignee"] = staff[f"csm{team}"]
            else:
                # Held and worked by a social worker of the team, as allocation
                # leaves it: the team's manager sees it too (issue 15, item 7).
                worker = staff[f"sw{1 + n % 3}"]
                fields = {"route": "open:allocated_worker", "state": "allocated"}
                fields.update(assignee=worker, worker=worker, team_id=worker.team_id)
            if kind in ("supplied", "closed"):
                fields["state"] = "supplied"
                fields["supplied_at"] = forwarded + timedelta(days=rng.randrange(5, 30))
            fields["forwarded_at"] = forwarded
        subjects.append(
            RequestSubject(
                request=request,
                number=1,
                forename="Robin",
                surname=f"Example{n}",
                matched=kind != "intake",
                **fields,
            )
        )
    RequestSubject.objects.bulk_create(subjects)
    IdentityCheck.objects.bulk_create(checks)
    for part in RequestSubject.objects.filter(assignee__isnull=False):
        holders.append(
            PartHolder(
                subject=part,
                request_id=part.request_id,
                staff_id=part.assignee_id,
                role="holder",
                since=part.forwarded_at,
            )
        )
    PartHolder.objects.bulk_create(holders)


def _visible(staff) -> list[str]:
    """References of up to 200 requests this person may see, for the request page."""
    from django.db.models import Q

    from disclose.casework.models import Request
    from disclose.casework.visibility import OVERSEERS, can_see

    if staff.role_codes() & OVERSEERS:
        return list(Request.objects.values_list("reference", flat=True)[:200])
    held = Q(subjects__assignee=staff)
    if staff.role_codes() & {"team_manager"}:
        held |= Q(subjects__assignee__team=staff.team)
    candidates = Request.objects.filter(held).distinct().order_by("id")[:400]
    # Only those the request page will show them (issue 15, item 7).
    return [r.reference for r in candidates if can_see(staff, r)][:200]


def _session(staff) -> str:
    from django.test import Client

    client = Client()
    client.force_login(staff)
    return client.cookies["sessionid"].value


class Load:
    """Users asking for pages until the time is up, each timing what it gets."""

    def __init__(self, base: str, users: list[dict], seconds: float, pause: float):
        self.base, self.users, self.seconds, self.pause = base, users, seconds, pause
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    def run(self) -> float:
        self.stop_at = time.monotonic() + self.seconds
        threads = [
            threading.Thread(target=self._user, args=(u, n)) for n, u in enumerate(self.users)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started

    def _user(self, user: dict, n: int) -> None:
        rng = random.Random(n)
        session = requests.Session()
        session.cookies.set("sessionid", user["session"], domain="127.0.0.1", path="/")
        if self.pause:
            time.sleep(rng.uniform(0, self.pause))  # users do not start in step
        while time.monotonic() < self.stop_at:
            name, path = rng.choice(user["pages"])
            if "{ref}" in path:
                path = path.format(ref=rng.choice(user["refs"]))
            began = time.perf_counter()
            try:
                response = session.get(self.base + path, timeout=60, allow_redirects=False)
                ok = response.status_code == 200
            except requests.RequestException:
                ok = False
            took = time.perf_counter() - began
            with self.lock:
                if ok:
                    self.times[name].append(took)
                else:
                    self.errors[name] += 1
            if self.pause:
                time.sleep(self.pause)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server: its own, its live processes', and
    those of the processes it has replaced (gunicorn replaces each after
    max_requests pages; once it has waited for one, the kernel counts that
    process's time in its parent's cutime and cstime). Linux only."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        fields = _stat(pid)
    except OSError:
        return 0.0
    total = sum(int(n) for n in fields[11:15])  # utime, stime, cutime, cstime
    for child in children:
        try:
            total += sum(int(n) for n in _stat(int(child))[11:13])
        except OSError:
            continue  # replaced meanwhile: counted in the parent's once waited for
    return total / os.sysconf("SC_CLK_TCK")


def _database_cpu(name: str) -> dict[int, float]:
    """CPU seconds used so far by each PostgreSQL process serving database
    `name`: each server process keeps its own connection, so these are the
    pages' database work."""
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            words = (proc / "cmdline").read_bytes().decode(errors="replace").split()
            if words[:1] == ["postgres:"] and name in words:
                found[int(proc.name)] = sum(int(n) for n in _stat(int(proc.name))[11:13])
        except (OSError, IndexError):
            continue
    return {pid: ticks / os.sysconf("SC_CLK_TCK") for pid, ticks in found.items()}


class _DatabaseSampler(threading.Thread):
    """The database's CPU during a load, read every half second: gunicorn
    replaces each server process after max_requests pages, and its
    connection ends with it, so a reading only at the start and the end
    would lose what ended connections used (all but their last half second
    is kept here)."""

    def __init__(self, name: str):
        super().__init__(daemon=True)
        self.database = name
        self.first = _database_cpu(name)
        self.last = dict(self.first)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.last.update(_database_cpu(self.database))

    def stop(self) -> float:
        self.done.set()
        self.join()
        self.last.update(_database_cpu(self.database))
        return sum(cpu - self.first.get(pid, 0.0) for pid, cpu in self.last.items())


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name (which may hold spaces)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


class Meter:
    """CPU seconds used so far by the app server's processes and by the
    database's (PostgreSQL; none on SQLite, where the database is in the app)."""

    def __init__(self, server_pid: int, database: str):
        self.server_pid = server_pid
        self.database = database.rsplit("/", 1)[-1] if database else ""

    def run(self, load: Load) -> tuple[float, tuple[float, float]]:
        """Run the load: seconds taken, and (server, database) CPU seconds used."""
        sampler = _DatabaseSampler(self.database) if self.database else None
        if sampler:
            sampler.start()
        app = _server_cpu(self.server_pid)
        took = load.run()
        app_used = _server_cpu(self.server_pid) - app
        return took, (app_used, sampler.stop() if sampler else 0.0)


def _report(title: str, load: Load, took: float, cpu: tuple[float, float]) -> None:
    pages = sum(len(t) for t in load.times.values())
    per_page = ""
    if pages:
        per_page = f"; CPU a page: server {cpu[0] * 1000 / pages:.1f} ms"
        per_page += f", database {cpu[1] * 1000 / pages:.1f} ms" if cpu[1] else ""
    print(f"\n{title} ({took:.0f} s{per_page})\n")
    print("| page | pages | p50 ms | p95 ms | p99 ms | pages/s | failed |")
    print("|---|---|---|---|---|---|---|")
    for name in sorted(set(load.times) | set(load.errors)):
        times = load.times.get(name, [])
        if times:
            p50, p95, p99 = (_percentile(times, p) * 1000 for p in (50, 95, 99))
            cells = f"{p50:.0f} | {p95:.0f} | {p99:.0f}"
        else:
            cells = "- | - | -"
        rate = len(times) / took
        print(f"| {name} | {len(times)} | {cells} | {rate:.1f} | {load.errors.get(name, 0)} |")
    total = sum(len(t) for t in load.times.values())
    print(f"| all | {total} | | | | {total / took:.1f} | {sum(load.errors.values())} |")


def _saturate(base: str, users: list[dict], seconds: float, meter: Meter, what: str) -> float:
    """Pages a second these users get without pause, reported as a table."""
    load = Load(base, users, seconds, 0.0)
    took, cpu = meter.run(load)
    _report(f"{len(users)} users, {what}, without pause", load, took, cpu)
    return sum(len(t) for t in load.times.values()) / took


def _in_turns(base: str, trivial: list[dict], app: list[dict], seconds: float, turns: int):
    """The trivial view alone and the app's pages alone, without pause, taking
    turns of `seconds` each, `turns` times: on a machine whose speed drifts (one
    shared with other work, where the trivial view's rate moved from 300 to 416
    a second between runs) both see the same drift, and their ratio holds."""
    print(f"\nIn turns of {seconds:.0f} s, {len(app)} users without pause:\n")
    print("| turn | trivial view, pages/s | app's pages, pages/s | share |")
    print("|---|---|---|---|")
    done = {"trivial": [0, 0.0], "app": [0, 0.0]}
    for turn in range(1, turns + 1):
        rates = []
        for kind, users in (("trivial", trivial), ("app", app)):
            load = Load(base, users, seconds, 0.0)
            took = load.run()
            pages = sum(len(t) for t in load.times.values())
            done[kind][0] += pages
            done[kind][1] += took
            rates.append(pages / took)
        print(f"| {turn} | {rates[0]:.1f} | {rates[1]:.1f} | {100 * rates[1] / rates[0]:.1f}% |")
    trivial_rate, app_rate = (done[k][0] / done[k][1] for k in ("trivial", "app"))
    print(f"| all | {trivial_rate:.1f} | {app_rate:.1f} | {100 * app_rate / trivial_rate:.1f}% |")


def _wait_healthy(base: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"The server stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            if requests.get(base + "/health/", timeout=30).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit("The server never answered /health/.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", default="1,10,50")
    parser.add_argument("--processes", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="", help="a PostgreSQL URL (emptied first)")
    parser.add_argument(
        "--turns", type=int, default=3, help="turns of the trivial view and the app's pages"
    )
    parser.add_argument("--turn-seconds", type=float, default=10, help="seconds of each turn")
    args = parser.parse_args()
    env = _setup(args.database)
    from django.db import connection

    from disclose.casework import deadlines_stored

    rng = random.Random(11)
    staff = _staff()
    built = time.perf_counter()
    _build(args.requests, staff, rng)
    deadlines_stored.store_all()
    print(
        f"{args.requests:,} requests on {connection.vendor}, built in "
        f"{time.perf_counter() - built:.0f} s; {args.processes} server processes"
    )
    people = []
    for username, role in ROLES:
        member = staff[username]
        pages = [("my work", "/"), ("trivial view", "/health/")]
        refs = _visible(member)
        if refs:
            pages.append(("request page", "/requests/{ref}/"))
        if role in MANAGERS:
            pages.append(("dashboard", "/dashboard/"))
        people.append({"session": _session(member), "pages": pages, "refs": refs, "role": role})
    connection.close()

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "disclose.cli", "serve", "--bind", f"127.0.0.1:{args.port}"]
        + ["--processes", str(args.processes)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    meter = Meter(server.pid, args.database)
    try:
        _wait_healthy(base, server)
        for user in people:  # warm each process's connection and templates
            requests.get(base + "/", cookies={"sessionid": user["session"]}, timeout=60)
        for count in [int(n) for n in args.users.split(",")]:
            users = [people[n % len(people)] for n in range(count)]
            for pause in (PAUSE, 0.0):
                load = Load(base, users, args.seconds, pause)
                took, cpu = meter.run(load)
                how = f"pausing {pause:.0f} s between pages" if pause else "without pause"
                _report(f"{count} users, {how}", load, took, cpu)
            trivial = [{**u, "pages": [("trivial view alone", "/health/")]} for u in users]
            trivial_rate = _saturate(base, trivial, args.seconds, meter, "the trivial view alone")
            app = [{**u, "pages": [p for p in u["pages"] if p[0] != "trivial view"]} for u in users]
            app_rate = _saturate(base, app, args.seconds, meter, "the app's pages alone")
            print(
                f"\nAt saturation, {count} users: the app's pages {app_rate:.1f} a second,"
                f" {100 * app_rate / trivial_rate:.1f}% of the trivial view's {trivial_rate:.1f}."
            )
            if args.turns:
                _in_turns(base, trivial, app, args.turn_seconds, args.turns)
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
