"""The hard-copy scenario files (issue 4, item 7) say what a reader of the trail
would check: who was refused, what went, what was held back and why."""

from pathlib import Path

import pytest

from disclose.scenarios.expect import failures
from disclose.scenarios.parse import load_file
from disclose.scenarios.runner import run_scenario

SCENARIOS = Path(__file__).parent / "scenarios"


def run(name: str) -> dict:
    scenario = load_file(SCENARIOS / f"{name}.yaml")
    trail = run_scenario(scenario)
    assert failures(scenario.expect, trail) == []
    return trail


def test_there_is_a_scenario_file_for_each_hard_copy_path():
    codes = {
        item["code"]
        for path in SCENARIOS.glob("hard_copies_*.yaml")
        for item in (load_file(path).expect or {}).get("refused", [])
    }
    assert {
        "not_the_approving_csm",
        "third_party_not_confirmed",
        "files_not_returned",
        "information_not_yet_shared",
        "hard_copies_not_approved",
    } <= codes


@pytest.mark.django_db
def test_the_withheld_item_is_named_in_the_case_note_and_the_message():
    trail = run("hard_copies_third_party_withheld")
    first_send = next(n for n in trail["case_notes"] if "sent hard copies" in n["text"])
    assert (
        "Withheld until the agency it came from confirms: Police domestic abuse report"
        in (first_send["text"])
    )
    first_message = next(m for m in trail["messages"] if m["kind"] == "hard_copies_sent")
    assert "- Police domestic abuse report (from Nottinghamshire Police)" in first_message["text"]
    assert [d["method"] for d in trail["dispatches"]] == ["secure_email", "cryptshare"]


@pytest.mark.django_db
def test_the_police_are_told_the_annex_and_legal_services_are_told_of_the_request():
    trail = run("hard_copies_police_legal_services")
    (message,) = [m for m in trail["messages"] if m["kind"] == "contact_legal_services"]
    assert "Annex C" in message["text"]
    assert {"to": "legal1", "kind": "hard_copies_police"} in trail["notifications"]


def test_hard_copy_expectations_that_do_not_hold_say_what_happened():
    trail = {
        "request": {"state": "forwarded", "assignee": None},
        "subjects": [],
        "steps": [],
        "case_notes": [],
        "messages": [],
        "holdings": [],
        "notifications": [],
        "disclosures": [],
        "audit": {"chain_verified": True},
        "hard_copies": [{"title": "CP plan", "third_party": False, "status": "withheld"}],
        "dispatches": [{"by": "bs1", "method": "secure_email", "items": ["Assessment"]}],
    }
    found = failures(
        {"hard_copies": {"CP plan": "dispatched"}, "dispatches": [["Assessment", "CP plan"]]},
        trail,
    )
    assert found == [
        "expect.hard_copies: 'CP plan' is 'withheld', expected 'dispatched'",
        "expect.dispatches: the dispatches sent [['Assessment']], expected "
        "[['Assessment', 'CP plan']]",
    ]
