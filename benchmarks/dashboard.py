"""Dashboard and reminder-job time at 1,000 to 100,000 requests (issues 7 and 11).

    .venv/bin/python benchmarks/dashboard.py [--sizes 1000,5000,100000]
        [--database postgres://disclose:disclose@localhost/disclose_bench]

Builds synthetic requests received over the last year (bulk inserts straight
into a scratch SQLite database under /tmp, or the PostgreSQL database given,
which is emptied first: a mix of requests at intake, open cases with the
worker, closed cases with the CSM or supplied, closed requests), stores their
due dates as the steps would (deadlines_stored.store_all), then times the
dashboard's figures for 12 months (reports.dashboard, one page of overdue),
the reminders job's reading of the stages it must remind (reminders.to_remind),
and the whole job (reminders.send_reminders) twice: the first run writes
every reminder due, the second finds them written. Prints wall and CPU
seconds; the machine is shared, so CPU time is the steadier figure.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "disclose-dashboard-bench"


def _setup_django(database: str) -> None:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    db = SCRATCH / "bench.sqlite3"
    if db.exists():
        db.unlink()
    os.environ["DATABASE_URL"] = database or f"sqlite:///{db}"
    os.environ["DISCLOSE_DATA_DIR"] = str(SCRATCH)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclose.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def _staff():
    from disclose.records.models import Role, Staff, Team

    team = Team.objects.create(team_id="T1", name="Team 1")
    made = {}
    for username, role in (("scimt", "scimt_officer"), ("csm", "csm"), ("tm", "team_manager")):
        made[role] = Staff.objects.create(username=username, team=team)
        made[role].roles.set(Role.objects.filter(code=role))
    made["social_worker"] = Staff.objects.create(username="sw", team=team)
    team.csm, team.team_manager = made["csm"], made["team_manager"]
    team.save()
    return made


def _build(start: int, count: int, staff: dict, rng: random.Random) -> None:
    from django.utils import timezone

    from disclose.audit.models import AuditEvent
    from disclose.casework.models import IdentityCheck, Request, RequestSubject

    today = date.today()
    requests, subjects, events, checks = [], [], [], []
    for n in range(start, start + count):
        received = today - timedelta(days=rng.randrange(365))
        kind = rng.choice(["intake", "open", "closed_waiting", "supplied", "closed"])
        state = {"intake": "received", "closed": "closed"}.get(kind, "forwarded")
        requests.append(
            Request(
                reference=f"AR-B-{n:06d}",
                received=received,
                channel="email",
                requestor_name="Alex Example",
                requestor_agency=rng.choice(["police", "cafcass", "health", "ofsted"]),
                consent=True,
                details="Dates.",
                state=state,
                owner=staff["scimt_officer"],
            )
        )
    Request.objects.bulk_create(requests)
    for request in Request.objects.filter(reference__in=[r.reference for r in requests]):
        received_at = timezone.make_aware(datetime.combine(request.received, datetime.min.time()))
        forwarded_at = received_at + timedelta(days=rng.randrange(1, 8))
        route, state, holder, decided, supplied = "", "unmatched", None, None, None
        if request.state != "received":
            route = rng.choice(["open:allocated_worker", "closed_electronic:last_team_csm"])
            events.append((request.reference, forwarded_at))
            checks.append(
                IdentityCheck(
                    request=request,
                    checked_by=staff["scimt_officer"],
                    method="call_back",
                    outcome="verified",
                    checked_at=received_at + timedelta(days=1),
                )
            )
            if route.startswith("open:"):
                state, holder = "allocated", staff["social_worker"]
            else:
                state, holder = "awaiting_decision", staff["csm"]
            if request.state == "closed" or rng.random() < 0.3:
                decided = forwarded_at + timedelta(days=5)
                supplied = decided + timedelta(days=rng.randrange(5, 30))
                state, holder = "supplied", staff["social_worker"]
        subjects.append(
            RequestSubject(
                request=request,
                number=1,
                forename="Robin",
                surname="Example",
                matched=True,
                route=route,
                state=state,
                assignee=holder,
                decision="approve" if decided else "",
                decided_at=decided,
                supplied_at=supplied,
            )
        )
    RequestSubject.objects.bulk_create(subjects)
    IdentityCheck.objects.bulk_create(checks)
    last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    AuditEvent.objects.bulk_create(
        AuditEvent(
            seq=last + i + 1,
            at=at,
            category="change",
            event_type="forward",
            request_reference=ref,
            detail={},
            prev_hash="0" * 64,
            hash="0" * 64,
        )
        for i, (ref, at) in enumerate(events)
    )


def _time(function) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--database", default="", help="a PostgreSQL URL (emptied first)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    _setup_django(args.database)
    from django.db import connection

    from disclose.casework import deadlines_stored, reminders, reports
    from disclose.casework.models import Request
    from disclose.casework.visibility import visible_requests

    rng, staff, built = random.Random(7), _staff(), 0
    today = date.today()
    print(f"on {connection.vendor}; seconds, wall / CPU")
    print(
        f"{'requests':>9} {'store due dates':>16} {'dashboard':>12} {'CSM sees':>9}"
        f" {'CSM dashboard':>14} {'to remind':>12}"
        f" {'reminders 1st':>14} {'reminders 2nd':>14}"
    )
    for size in sizes:
        _build(built, size - built, staff, rng)
        new = list(Request.objects.filter(deadlines__isnull=True).values_list("pk", flat=True))
        s_wall, s_cpu, _ = _time(lambda new=new: deadlines_stored.store_all(only=new))
        built = size
        d_wall, d_cpu, figures = _time(
            lambda: reports.dashboard(today - timedelta(days=365), today, today=today)
        )
        # A CSM's: counted over the requests they may see (issue 15, item 7).
        c_wall, c_cpu, theirs = _time(
            lambda: reports.dashboard(
                today - timedelta(days=365),
                today,
                today=today,
                within=visible_requests(staff["csm"]),
            )
        )
        o_wall, o_cpu, waiting = _time(lambda: reminders.to_remind(today))
        first_wall, first_cpu, _ = _time(reminders.send_reminders)
        second_wall, second_cpu, _ = _time(reminders.send_reminders)
        assert figures.total == size
        print(
            f"{size:>9} {s_wall:>8.2f}/{s_cpu:<6.2f} {d_wall:>5.2f}/{d_cpu:<5.2f}"
            f" {theirs.total:>9} {c_wall:>7.2f}/{c_cpu:<5.2f}"
            f" {o_wall:>5.2f}/{o_cpu:<5.2f} {first_wall:>6.2f}/{first_cpu:<6.2f}"
            f" {second_wall:>6.2f}/{second_cpu:<6.2f}"
            f"   ({len(waiting)} stages to remind, {figures.overdue_count} overdue)"
        )


if __name__ == "__main__":
    main()
