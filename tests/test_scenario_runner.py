"""The runner drives the real services and reports in the spec's trail shape."""

from pathlib import Path

import pytest

from disclose.casework import services
from disclose.casework.models import Request
from disclose.records.models import Contact, CPPlan, Episode, Person, Staff, Team
from disclose.scenarios.parse import load_file, parse_text
from disclose.scenarios.runner import run_scenario

pytestmark = pytest.mark.django_db

SCENARIOS = Path(__file__).parent / "scenarios"
EXAMPLE = SCENARIOS / "closed-paper-team-gone.yaml"


def test_the_trail_has_every_field_the_spec_names():
    trail = run_scenario(load_file(EXAMPLE))
    assert {
        "scenario",
        "request",
        "subjects",
        "steps",
        "case_notes",
        "messages",
        "hard_copies",
        "dispatches",
        "holdings",
        "audit",
    } <= set(trail)
    assert set(trail["request"]) == {"reference", "state", "assignee"}
    assert {"subject", "person", "route", "paragraph", "assignee", "rationale"} <= set(
        trail["subjects"][0]
    )
    assert set(trail["steps"][0]) == {"n", "as", "do", "ok", "state", "assignee", "error"}
    assert {"person", "author", "text"} <= set(trail["case_notes"][0])
    assert {"to", "kind", "text"} <= set(trail["messages"][0])
    assert set(trail["audit"]) == {"events", "chain_verified"}


def test_the_trail_speaks_in_the_files_ids_and_follows_the_request_as_it_moves():
    trail = run_scenario(load_file(EXAMPLE))
    holders = [(s["do"], s["state"], s["assignee"]) for s in trail["steps"]]
    assert holders[0] == ("verify_identity", "identity_verified", "scimt1")
    assert holders[3] == ("forward", "forwarded", "csm_d")
    assert holders[4] == ("decide", "forwarded", "tm_d")
    assert holders[5] == ("allocate", "forwarded", "sw_d")
    assert holders[-1] == ("close", "closed", None)
    assert {n["author"] for n in trail["case_notes"]} == {"scimt1", "csm_d", "sw_d"}
    basic = next(m for m in trail["messages"] if m["kind"] == "basic_information")
    assert "01623 433177" in basic["text"]  # the council's real contact details


def test_the_world_is_built_as_the_file_describes():
    run_scenario(load_file(SCENARIOS / "closed-paper-last-team.yaml"))
    team = Team.objects.get(team_id="T1")
    assert (team.csm.username, team.team_manager.username) == ("csm1", "tm1")
    worker = Staff.objects.get(username="sw1")
    assert (worker.first_name, worker.last_name, worker.team, worker.email) == (
        "Sol",
        "Worker",
        team,
        "sw1@scenario.invalid",
    )
    assert worker.role_codes() == {"social_worker"}
    person = Person.objects.get(person_id="P1")
    assert [(n.forename, n.surname, n.name_type) for n in person.other_names.all()] == [
        ("George", "Kent", "former")
    ]
    assert CPPlan.objects.filter(person=person).count() == 1


def test_a_mash_only_enquiry_is_a_contact_and_no_episode():
    run_scenario(load_file(SCENARIOS / "closed-mash-only.yaml"))
    person = Person.objects.get(person_id="P1")
    assert Episode.objects.filter(person=person).count() == 0
    assert Contact.objects.filter(person=person).count() == 1


def test_a_refused_step_is_recorded_and_the_run_goes_on():
    trail = run_scenario(load_file(SCENARIOS / "refused-not-permitted-for-role.yaml"))
    refused = trail["steps"][2]
    assert refused["ok"] is False
    assert refused["error"]["code"] == "not_permitted_for_role"
    assert refused["error"]["message"]
    assert refused["state"] == "identity_verified"  # nothing changed
    assert trail["steps"][3]["ok"] is True  # the officer then forwards


def test_a_request_without_a_scimt_officer_is_received_by_a_system_officer():
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "roles: [scimt_officer]", "roles: [information_governance]"
    )
    trail = run_scenario(parse_text(text, "no-officer.yaml"))
    assert Request.objects.get().owner.username == "system"
    assert trail["steps"][0]["error"]["code"] == "not_permitted_for_role"


def test_a_step_whose_service_does_not_exist_yet_is_reported_not_implemented(monkeypatch):
    monkeypatch.delitem(services.VERBS, "close")
    trail = run_scenario(load_file(EXAMPLE))
    last = trail["steps"][-1]
    assert (last["do"], last["ok"], last["error"]["code"]) == ("close", False, "not_implemented")
    assert trail["request"]["state"] == "forwarded"
