"""The demo council that `make run` loads: real records, one sign-in per role."""

import json
import stat
from io import StringIO

import pytest
from django.core.management import call_command

from disclose.records.demo.council import load_demo_council
from disclose.records.models import Episode, Person, Staff

pytestmark = pytest.mark.django_db(transaction=False)

ROLES = {
    "scimt_officer",
    "social_worker",
    "team_manager",
    "csm",
    "business_support",
    "legal_services",
    "support_to_schools_manager",
    "information_governance",
    "admin",
}


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    # Argon2 is deliberately slow; these tests check passwords, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def logins(tmp_path):
    return load_demo_council(persons=200, data_dir=tmp_path)


def staff(login: dict) -> Staff:
    return Staff.objects.get(username=login["username"])


def test_every_role_has_a_sign_in_that_works(logins, client):
    assert {login["role"] for login in logins} == ROLES
    for login in logins:
        member = staff(login)
        assert member.has_role(login["role"]), login
        assert member.check_password(login["password"])
    first = logins[0]
    assert client.login(username=first["username"], password=first["password"])


def test_the_sign_ins_are_the_people_routing_reaches(logins):
    by_label = {login["label"]: staff(login) for login in logins}
    worker = by_label["Social worker"]
    assert Episode.objects.filter(worker=worker, end__isnull=True).exists()
    assert worker.team.team_manager == by_label["Team manager"]
    assert worker.team.csm == by_label["Children's service manager"]
    dcpt_csm = next(s for label, s in by_label.items() if label.startswith("CSM of"))
    assert dcpt_csm.teams_as_csm.filter(kind="dcpt").exists()
    admin = by_label["Administrator"]
    assert admin.is_staff and admin.is_superuser


def test_the_demo_people_are_in_the_records(logins):
    assert Person.objects.count() == 200
    assert Person.objects.filter(episodes__isnull=False).distinct().count() > 50


def test_the_sign_ins_are_kept_privately_and_loading_again_changes_nothing(logins, tmp_path):
    saved = tmp_path / "demo-logins.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert json.loads(saved.read_text()) == logins
    assert load_demo_council(persons=200, data_dir=tmp_path) == logins
    assert Person.objects.count() == 200


def test_rundemo_prints_one_sign_in_per_role(logins, settings, tmp_path):
    settings.DATA_DIR, settings.STATIC_ROOT = tmp_path, tmp_path / "static"
    out = StringIO()
    call_command("rundemo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert "Sign in at http://127.0.0.1:8000/sign-in/ as:" in text
    for login in logins:
        assert f"{login['username']}" in text and login["password"] in text


def test_the_demo_people_can_be_found_by_search(logins):
    from disclose.records.search.query import search_persons

    person = Person.objects.exclude(dob=None).filter(episodes__isnull=False).first()
    matches = search_persons(forename=person.forename, surname=person.surname, dob=person.dob)
    assert matches and matches[0].person == person


def test_the_dcpts_team_manager_who_allocates_after_its_csm_can_sign_in(logins):
    by_label = {login["label"]: staff(login) for login in logins}
    dcpt_csm = next(s for label, s in by_label.items() if label.startswith("CSM of"))
    dcpt = dcpt_csm.teams_as_csm.get(kind="dcpt")
    if dcpt.team_manager and dcpt.team_manager != dcpt_csm:
        assert by_label[f"Team manager of {dcpt.name}"] == dcpt.team_manager


def test_anyone_the_demo_routes_work_to_can_be_given_a_sign_in(logins, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    signed = {login["username"] for login in logins}
    other = Staff.objects.filter(is_active=True).exclude(username__in=signed).first()
    out = StringIO()
    call_command("rundemo", "--sign-in-as", other.username, stdout=out)
    text = out.getvalue()
    saved = json.loads((tmp_path / "demo-logins.json").read_text())
    login = next(entry for entry in saved if entry["username"] == other.username)
    assert login["password"] in text and login["totp_secret"] in text
    assert staff(login).check_password(login["password"])
    # The others are still printed on the next start.
    assert {entry["username"] for entry in saved} == signed | {other.username}


def test_the_demo_starts_with_requests_at_different_stages(logins):
    from disclose.casework.demo.requests import seed_demo_requests
    from disclose.casework.models import Request

    made = seed_demo_requests(logins)
    assert len(made) >= 3
    states = set(Request.objects.values_list("state", flat=True))
    assert {"received", "forwarded"} <= states
    assert seed_demo_requests(logins) == []  # once only
