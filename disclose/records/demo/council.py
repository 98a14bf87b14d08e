"""The demo council: a synthetic county's records loaded through the real import,
and one sign-in per role, each a real member of staff in those records so that
routing reaches them (procedure 1.2, 1.3: the worker, their team manager and
CSM, and the CSM of a DCPT)."""

import json
import os
import secrets
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q

from disclose.records import twofactor
from disclose.records.importer import import_extract
from disclose.records.models import Person, Role, Staff, Team

from .extract import generate_extract

DEMO_SEED = 2026
LOGINS_FILE = "demo-logins.json"
EXTRACT_FOLDER = "demo-extract"
# Sign-ins for the roles no job title implies, by the demo's job titles.
_BY_JOB_TITLE = (
    ("scimt_officer", "SCIMT officer", "Information Management Officer"),
    ("business_support", "Business support", "Business Support Officer"),
    ("legal_services", "Legal Services", "Solicitor"),
    (
        "support_to_schools_manager",
        "Group Manager, Support to Schools",
        "Group Manager, Support to Schools",
    ),
    ("information_governance", "Information governance", "Information Governance Officer"),
    ("admin", "Administrator", "Systems Administrator"),
)


def load_demo_council(
    *, persons: int = 5000, seed: int = DEMO_SEED, data_dir: Path | None = None
) -> list[dict]:
    """Load the demo council if the database holds nobody yet; return the sign-ins.

    On later starts nothing is loaded and the sign-ins saved the first time are
    returned (empty when the records came from somewhere else).
    """
    data_dir = Path(data_dir or settings.DATA_DIR)
    logins_file = data_dir / LOGINS_FILE
    if Person.objects.exists():
        return read_logins(logins_file)
    folder = data_dir / EXTRACT_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    generate_extract(folder, persons, seed=seed)
    report = import_extract(folder)
    if not report.ok:
        shown = "\n".join(str(p) for p in report.problems[:10])
        raise RuntimeError(f"The demo extract did not import:\n{shown}")
    logins = create_logins()
    write_logins(logins_file, logins)
    return logins


@transaction.atomic
def create_logins() -> list[dict]:
    """Give one member of staff per role a password, and the role."""
    chosen = _managers_of_busiest_worker()
    for code, label, job_title in _BY_JOB_TITLE:
        staff = Staff.objects.filter(job_title=job_title).order_by("username").first()
        if staff is None:
            raise RuntimeError(f"The demo records have no {job_title}.")
        chosen.append((code, label, staff))
    return [_login(code, label, staff) for code, label, staff in chosen]


def _login(code: str | None, label: str, staff: Staff) -> dict:
    password = secrets.token_urlsafe(12)
    staff.set_password(password)
    staff.email = staff.email or f"{staff.username}@council.example"
    if code == Role.Code.ADMIN:
        staff.is_staff = staff.is_superuser = True
    staff.save()
    if code:
        staff.roles.add(code)
    # Two factors for every account (issue 6): the demo sets up each login's
    # authenticator app and keeps its key, which rundemo prints.
    device = twofactor.set_up_for_demo(staff)
    return {
        "role": code or ", ".join(sorted(staff.role_codes())),
        "label": label,
        "username": staff.username,
        "password": password,
        "totp_secret": twofactor.secret(device),
        "otpauth_uri": twofactor.otpauth_uri(device),
        "name": staff.get_full_name(),
        "team": staff.team.name if staff.team else "",
    }


@transaction.atomic
def add_login(username: str, data_dir: Path | None = None) -> dict:
    """A sign-in for anyone in the demo records (a worker or manager the demo
    routed work to), kept beside the others so rundemo prints it again."""
    staff = Staff.objects.get(username=username, is_active=True)
    login = _login(None, staff.job_title or "Member of staff", staff)
    path = Path(data_dir or settings.DATA_DIR) / LOGINS_FILE
    logins = [entry for entry in read_logins(path) if entry["username"] != username]
    write_logins(path, [*logins, login])
    return login


def _managers_of_busiest_worker() -> list[tuple[str, str, Staff]]:
    """A social worker holding open cases, their team manager and CSM, and the CSM
    of the DCPT in the same locality."""
    worker = (
        Staff.objects.filter(
            roles__code=Role.Code.SOCIAL_WORKER,
            team__kind="social_work",
            team__active=True,
            team__csm__isnull=False,
            team__team_manager__isnull=False,
        )
        .annotate(open_cases=Count("episodes", filter=Q(episodes__end__isnull=True)))
        .filter(open_cases__gt=0)
        .order_by("-open_cases", "username")
        .first()
    )
    if worker is None:
        raise RuntimeError("The demo records have no social worker holding open cases.")
    team = worker.team
    dcpt = (
        Team.objects.filter(kind=Team.Kind.DCPT, locality=team.locality, csm__isnull=False)
        .exclude(csm=team.csm)
        .first()
    )
    if dcpt is None:
        raise RuntimeError(f"The demo records have no DCPT with a CSM in {team.locality}.")
    chosen = [
        ("social_worker", "Social worker", worker),
        ("team_manager", "Team manager", team.team_manager),
        ("csm", "Children's service manager", team.csm),
        ("csm", f"CSM of {dcpt.name}", dcpt.csm),
    ]
    # After the DCPT's CSM approves, its team manager allocates (2.1.2.1).
    if dcpt.team_manager and dcpt.team_manager not in (team.team_manager, team.csm):
        chosen.append(("team_manager", f"Team manager of {dcpt.name}", dcpt.team_manager))
    return chosen


def write_logins(path: Path, logins: list[dict]) -> None:
    """Kept so that `make run` can print them again; readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(logins, out, indent=2)
    path.chmod(0o600)


def read_logins(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))
