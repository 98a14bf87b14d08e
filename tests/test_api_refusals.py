"""A step the procedure refuses is refused through the API with the scenario
trail's own code (spec/scenarios.md), and 403, 409 or 422 as suits; it
changes nothing. Each refused-*.yaml scenario is run through /api/v1/ only and
its refusals compared with those the file expects. One difference, as on the
pages: someone who may not see the request at all is told it does not exist
(404, not_found), never why they could not act on it."""

import pytest
import yaml
from api_client import StaffClient
from api_scenarios import SCENARIOS, run_through_api
from casework_factories import build_office, make_person, make_staff, receive

from disclose.api.errors import FORBIDDEN, UNPROCESSABLE
from disclose.casework.models import Request

pytestmark = pytest.mark.django_db

REFUSED = sorted(p.name for p in SCENARIOS.glob("refused-*.yaml"))


@pytest.mark.parametrize("name", REFUSED)
def test_refusals_through_the_api_carry_the_trails_codes(name):
    expected = yaml.safe_load((SCENARIOS / name).read_text())["expect"]["refused"]
    run = run_through_api(name)
    saw = {a["n"]: a["saw"] for a in run.answers}
    hidden = "(could not see the request)"
    got = [
        {"step": a["n"], "code": a["body"]["code"] if a["saw"] else hidden}
        for a in run.answers
        if a["status"] != 200
    ]
    assert got == [
        {"step": r["step"], "code": r["code"] if saw[r["step"]] else hidden} for r in expected
    ]
    for answer in run.answers:
        if answer["status"] == 200:
            continue
        code = answer["body"]["code"]
        if not answer["saw"]:
            assert answer["status"] == 404 and code == "not_found"
            continue
        wanted = 403 if code in FORBIDDEN else 422 if code in UNPROCESSABLE else 409
        assert answer["status"] == wanted, answer
        assert answer["body"]["message"]


def test_a_refused_step_changes_nothing_and_says_what_to_do():
    office = build_office()
    case = receive(office, office.closed_case())
    officer = StaffClient(office.scimt)
    before = Request.objects.values().get(pk=case.pk)
    refused = officer.post(f"/requests/{case.reference}/steps/forward", {"confirm": True})
    assert refused.status_code == 409
    assert refused.json() == {
        "code": "identity_not_verified",
        "message": "Verify the requestor's identity first. Nothing is shared with an "
        "unverified requestor.",
        "paragraph": "1",
        "problems": [],
    }
    assert Request.objects.values().get(pk=case.pk) == before


def test_an_irreversible_step_asks_for_its_confirmation():
    office = build_office()
    case = receive(office, office.closed_case())
    refused = StaffClient(office.scimt).post(f"/requests/{case.reference}/steps/close", {})
    assert refused.status_code == 422 and refused.json()["problems"][0]["field"] == "confirm"
    assert Request.objects.get(pk=case.pk).state == "received"


def test_someone_who_may_not_see_the_request_is_told_it_does_not_exist():
    office = build_office()
    person = make_person(forename="Zinnia", surname="Quarrendon")
    case = receive(office, person)
    stranger = StaffClient(make_staff("sw.elsewhere", "social_worker"))
    for answer in (
        stranger.get(f"/requests/{case.reference}"),
        stranger.get(f"/requests/{case.reference}/messages"),
        stranger.post(f"/requests/{case.reference}/steps/close", {"confirm": True}),
    ):
        assert answer.status_code == 404 and "Quarrendon" not in answer.content.decode()
