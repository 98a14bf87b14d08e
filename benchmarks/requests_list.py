"""The requests list (/requests/, issue 13) at 1,000, 10,000 and 100,000
requests on SQLite: queries and time for the first page, a search by a
subject's surname, a search by requestor name, and the overdue filter.

    .venv/bin/python benchmarks/requests_list.py [--sizes 1000,10000,100000]

Builds synthetic requests (bulk inserts into a scratch SQLite database under
/tmp), then posts the list's form through Django's test client as a SCIMT
officer and as a CSM. Prints the number of queries (which must not grow with
the number of requests) and wall and CPU seconds (the machine is shared: CPU
time is the steadier figure).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "disclose-requests-list-bench"


def _setup_django() -> None:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    db = SCRATCH / "bench.sqlite3"
    if db.exists():
        db.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DISCLOSE_DATA_DIR"] = str(SCRATCH)
    os.environ["DISCLOSE_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclose.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _staff():
    from disclose.records.models import Role, Staff, Team

    team = Team.objects.create(team_id="T1", name="Team 1")
    made = {}
    for username, role in (("scimt", "scimt_officer"), ("csm", "csm")):
        made[role] = Staff.objects.create(username=username, team=team)
        made[role].roles.set(Role.objects.filter(code=role))
    team.csm = made["csm"]
    team.save()
    return made


def _build(start: int, count: int, staff: dict, rng: random.Random) -> None:
    from disclose.casework.models import Request, RequestSubject

    today = date.today()
    surnames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Khan"]
    Request.objects.bulk_create(
        Request(
            reference=f"AR-B-{n:07d}",
            received=today - timedelta(days=rng.randrange(365)),
            channel="email",
            requestor_name=f"Officer {n}",
            requestor_agency=rng.choice(["police", "cafcass", "health", "ofsted"]),
            consent=True,
            details="Dates.",
            state=rng.choice(["received", "forwarded", "closed"]),
            owner=staff["scimt_officer"],
        )
        for n in range(start, start + count)
    )
    made = Request.objects.filter(reference__gte=f"AR-B-{start:07d}")
    RequestSubject.objects.bulk_create(
        RequestSubject(
            request_id=pk,
            number=1,
            forename="Sam",
            surname=rng.choice(surnames) + str(pk % 97),
            route="closed_paper:last_team_csm",
            state="awaiting_decision",
            assignee=staff["csm"] if pk % 10 == 0 else None,
        )
        for pk in made.values_list("pk", flat=True)
    )


def _time(client, data: dict) -> tuple[int, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/requests/", data)
    assert response.status_code == 200
    return len(queries), time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    _setup_django()
    from django.test import Client

    staff = _staff()
    rng = random.Random(13)
    cases = {
        "first page": {},
        "subject surname": {"text": "Smith1"},
        "requestor name": {"text": "Officer 42"},
        "overdue only": {"overdue": "on"},
    }
    print(f"{'requests':>9} {'who':<6} {'what':<16} {'queries':>7} {'wall s':>7} {'cpu s':>7}")
    built = 0
    for size in sizes:
        _build(built, size - built, staff, rng)
        built = size
        for who in ("scimt_officer", "csm"):
            client = Client()
            client.force_login(staff[who])
            for what, data in cases.items():
                queries, wall, cpu = _time(client, data)
                print(f"{size:>9} {who[:6]:<6} {what:<16} {queries:>7} {wall:>7.2f} {cpu:>7.2f}")


if __name__ == "__main__":
    main()
