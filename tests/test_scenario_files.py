"""Every scenario file under tests/scenarios/ runs through the real services and
its expectations hold (shared/spec/scenarios.md; issue 3 item 7).

In-process, inside the test database: the fast path. The command's own
throw-away database is tested in test_scenario_cli.py.
"""

from pathlib import Path

import pytest
from deadline_checks import stale_deadlines

from disclose.scenarios.expect import failures
from disclose.scenarios.parse import load_file
from disclose.scenarios.runner import run_scenario

SCENARIOS = Path(__file__).parent / "scenarios"
FILES = sorted(SCENARIOS.glob("*.yaml"))


def test_there_is_a_scenario_file_for_every_route():
    from disclose.procedure.decisions import ROUTES

    covered = set()
    for path in FILES:
        route = (load_file(path).expect or {}).get("route")
        covered.update(route if isinstance(route, list) else [route])
    assert set(ROUTES) <= covered, f"no scenario for: {sorted(set(ROUTES) - covered)}"


def test_there_is_a_scenario_file_for_every_refusal_code():
    codes = {
        "not_permitted_for_role",
        "not_assigned_to_you",
        "wrong_state",
        "identity_not_verified",
        "lawful_basis_required",
        "files_not_returned",
        "parts_outstanding",
        "subject_not_matched",
        "not_a_csm",
        "not_a_social_worker",
        "no_route_holder",
        "staff_inactive",
        "not_your_team",
        "wrong_role_for_stage",
    }
    covered = {
        item["code"] for path in FILES for item in (load_file(path).expect or {}).get("refused", [])
    }
    assert codes <= covered, f"no scenario refuses with: {sorted(codes - covered)}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_scenario_runs_and_its_expectations_hold(path):
    scenario = load_file(path)
    assert scenario.expect, f"{path.name} has no expect block"
    trail = run_scenario(scenario)
    assert failures(scenario.expect, trail) == []
    assert trail["audit"]["chain_verified"]
    # Each step kept its request's stored due dates right (issue 11).
    assert stale_deadlines() == []


def test_the_spec_example_is_kept_verbatim():
    spec = (Path(__file__).parent.parent / "docs" / "scenarios.md").read_text(encoding="utf-8")
    example = spec.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert (SCENARIOS / "closed-paper-team-gone.yaml").read_text(encoding="utf-8") == example
