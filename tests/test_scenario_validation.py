"""A scenario file with a mistake is refused before anything runs, and every
problem names the file, where in it (step number, field) and what to write."""

from pathlib import Path

import pytest

from disclose.scenarios.parse import ScenarioInvalid, load_file, parse_text

EXAMPLE = Path(__file__).parent / "scenarios" / "closed-paper-team-gone.yaml"


def problems_in(text: str) -> list[str]:
    with pytest.raises(ScenarioInvalid) as raised:
        parse_text(text, "bad.yaml")
    return raised.value.problems


def example_with(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_the_spec_example_is_valid_and_keeps_its_reason_whole():
    # `reason: Specific, proportionate request.` in a {...} mapping reads as two
    # keys in YAML; the reason is joined back as its author meant it.
    scenario = load_file(EXAMPLE)
    decide = scenario.steps[4]
    assert decide.verb == "decide"
    assert decide.fields == {"decision": "approve", "reason": "Specific, proportionate request."}


def test_an_unknown_verb_names_the_file_the_step_and_the_field():
    found = problems_in(example_with("do: close}", "do: shut}"))
    assert len(found) == 1
    assert found[0].startswith("bad.yaml: step 12: do: unknown verb 'shut'")
    assert "close" in found[0]


def test_an_unknown_staff_id_in_a_step_is_named():
    found = problems_in(
        example_with(
            "{as: tm_d, do: allocate, worker: sw_d}", "{as: tm_d, do: allocate, worker: sw_x}"
        )
    )
    assert found == [
        "bad.yaml: step 6: worker: unknown staff id 'sw_x'; the file defines: "
        "bs1, csm_d, csm_t1, scimt1, sw_d, tm_d"
    ]


def test_an_unknown_actor_is_named():
    found = problems_in(
        example_with("{as: bs1, do: retrieve_files", "{as: bs9, do: retrieve_files")
    )
    assert found[0].startswith("bad.yaml: step 9: as: unknown staff id 'bs9'")


def test_an_unknown_holding_and_person_are_named():
    text = example_with(
        "do: request_paper_files, holding: H1", "do: request_paper_files, holding: H7"
    )
    text = text.replace("subject: 1, person: P1", "subject: 1, person: P9")
    found = problems_in(text)
    assert "bad.yaml: step 2: person: unknown person id 'P9'; the file defines: P1" in found
    assert "bad.yaml: step 8: holding: unknown holding id 'H7'; the file defines: H1" in found


def test_a_bad_date_is_named_with_its_field_rather_than_crashing():
    found = problems_in(example_with("end: 2016-05-01", "end: 2016-13-01"))
    assert found == [
        "bad.yaml: records.episodes[1].end: '2016-13-01' is not a date; "
        "write it as YYYY-MM-DD, like 2014-01-31"
    ]


def test_a_bad_received_date_is_named():
    found = problems_in(example_with("received: 2026-11-02", "received: 2nd November"))
    assert found[0].startswith("bad.yaml: request.received: '2nd November' is not a date")


def test_a_missing_required_field_is_named():
    found = problems_in(
        example_with(
            ", method: call_back, outcome: verified}\n  - {as: scimt1, do: match",
            ", method: call_back}\n  - {as: scimt1, do: match",
        )
    )
    assert found == ["bad.yaml: step 1: outcome: is missing"]


def test_a_bad_choice_lists_the_allowed_values():
    found = problems_in(example_with("kind: dcpt, locality", "kind: district, locality"))
    assert found == [
        "bad.yaml: records.teams[2].kind: 'district' is not allowed; "
        "use one of: social_work, dcpt, mash, other"
    ]
    found = problems_in(example_with("kind: information  ", "kind: gossip  "))
    assert found[0].startswith("bad.yaml: request.kind: 'gossip' is not allowed")


def test_a_team_in_an_undeclared_locality_is_named():
    found = problems_in(
        example_with("locality: Bassetlaw, active: false", "locality: Basetlaw, active: false")
    )
    assert found[0].startswith("bad.yaml: records.teams[1].locality: unknown locality 'Basetlaw'")


def test_a_subject_number_outside_the_request_is_named():
    found = problems_in(example_with("subject: 1, person: P1", "subject: 2, person: P1"))
    assert found[0] == (
        "bad.yaml: step 2: subject: '2' is not a subject of the request; use a number from 1 to 1"
    )


def test_a_misspelt_field_is_named_rather_than_ignored():
    found = problems_in(
        example_with(
            "holding: H1}\n  - {as: bs1, do: retrieve", "holdng: H1}\n  - {as: bs1, do: retrieve"
        )
    )
    assert "bad.yaml: step 8: holding: is missing" in found
    assert any(f.startswith("bad.yaml: step 8: holdng: unknown field") for f in found)


def test_every_problem_in_a_file_is_reported_at_once():
    text = example_with("do: close}", "do: shut}").replace("end: 2016-05-01", "end: someday")
    assert len(problems_in(text)) == 2


def test_hard_copy_steps_are_known_verbs_with_checked_fields():
    text = example_with(
        "  - {as: sw_d, do: close}",
        "  - {as: sw_d, do: request_hard_copies, items: [{title: CP plan, third_party: false}]}\n"
        "  - {as: csm_d, do: decide_hard_copies, decision: approve, reason: Needed for court.}\n"
        "  - {as: sw_d, do: confirm_third_party, item: CP plan, confirmed: true}\n"
        "  - {as: bs1, do: dispatch_hard_copies, method: pigeon}",
    )
    assert problems_in(text) == [
        "bad.yaml: step 15: method: 'pigeon' is not allowed; use one of: secure_email, cryptshare, "
        "portal"
    ]


def test_expectations_naming_unknown_routes_or_steps_are_refused():
    text = example_with("route: closed_paper:dcpt_csm", "route: closed_paper:dcpt")
    text += "  refused: [{step: 40, code: wrong_state}]\n"
    found = problems_in(text)
    assert found[0].startswith("bad.yaml: expect.route: 'closed_paper:dcpt' is not a route")
    assert found[1] == "bad.yaml: expect.refused: step 40 is not a step of this file (it has 12)"


def test_text_that_is_not_yaml_is_reported_with_its_line():
    found = problems_in("name: x\nsteps: [unclosed\n")
    assert found[0].startswith("bad.yaml: line ")


def test_an_expected_state_that_does_not_exist_is_refused_before_running():
    found = problems_in(example_with("  state: closed", "  state: close"))
    assert found == [
        "bad.yaml: expect.state: 'close' is not a request state; use one of: received, "
        "identity_verified, identity_not_verified, basic_information_shared, forwarded, closed, "
        "awaiting_narrowing, withdrawn"
    ]
