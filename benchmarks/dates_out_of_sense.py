"""Pages with a request whose dates are out of sense (issue 15, item 4).

    .venv/bin/python benchmarks/dates_out_of_sense.py

The review logged a request received in year 1, and then "My work" took 5-9 s,
the request page 6-9 s and the dashboard 19 s. Today the forms and
receive_request refuse such dates, but a date stored before the checks, or an
extension to 31 December 9999, must not make a page slow either. This builds a
scratch SQLite database under /tmp with one ordinary request, one received in
year 1 (set in the database, as if logged before the checks) and one extended to
year 9999, then times each page (the Django test client, signed in as the SCIMT
officer, then as a manager for the dashboard). Prints wall and CPU seconds.
"""

import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SCRATCH = Path(tempfile.gettempdir()) / "disclose-dates-bench"


def _setup_django() -> None:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    db = SCRATCH / "bench.sqlite3"
    if db.exists():
        db.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DISCLOSE_DATA_DIR"] = str(SCRATCH)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "disclose.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _build():
    from disclose.casework import services
    from disclose.casework.models import Request
    from disclose.records.models import Role, Staff, Team

    team = Team.objects.create(team_id="T1", name="Team 1")
    officer = Staff.objects.create(username="scimt", team=team)
    officer.roles.set(Role.objects.filter(code="scimt_officer"))
    manager = Staff.objects.create(username="manager", team=team)
    manager.roles.set(Role.objects.filter(code__in=["csm", "team_manager", "auditor"]))
    made = []
    for _ in range(3):
        made.append(
            services.receive_request(
                actor=officer,
                channel="email",
                requestor_name="Alex Example",
                requestor_agency="police",
                consent=True,
                details="Dates.",
                subjects=[{"forename": "Robin", "surname": "Example", "dob": date(2012, 1, 1)}],
            )
        )
    Request.objects.filter(pk=made[1].pk).update(received=date(1, 1, 1))
    return officer, manager, made


def _extend_to_9999(officer, request) -> None:
    from django.utils import timezone

    from disclose.casework.models import Extension

    Extension.objects.create(
        request=request,
        stage="acknowledge",
        new_due=date(9999, 12, 31),
        reason="A typo.",
        by=officer,
        at=timezone.now(),
    )


def _time(function) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    status = function()
    return time.perf_counter() - wall, time.process_time() - cpu, status


def main() -> None:
    _setup_django()
    from django.test import Client

    officer, manager, made = _build()
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)
    today = date.today()
    start = (today - timedelta(days=365)).strftime("from_day=%-d&from_month=%-m&from_year=%Y")
    year_1 = f"/requests/{made[1].reference}/"
    print(f"{'page':<36} {'status':>6} {'wall':>8} {'cpu':>7}")
    for label, who, url in (
        ("My work, a request from year 1", officer, "/"),
        ("request page, received in year 1", officer, year_1),
        ("dashboard, a request from year 1", manager, f"/dashboard/?{start}"),
    ):
        _page(client, label, who, url)
    _extend_to_9999(officer, made[2])
    for label, who, url in (
        ("My work, also one due in 9999", officer, "/"),
        ("request page, due in 9999", officer, f"/requests/{made[2].reference}/"),
    ):
        _page(client, label, who, url)


def _page(client, label: str, who, url: str) -> None:
    client.force_login(who)
    client.get(url)  # once to warm caches, as a running server would be
    wall, cpu, status = _time(lambda: client.get(url).status_code)
    print(f"{label:<36} {status:>6} {wall:>7.2f}s {cpu:>6.2f}s", flush=True)


if __name__ == "__main__":
    main()
