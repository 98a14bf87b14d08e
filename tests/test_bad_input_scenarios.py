"""Bad input to the scenario parser (issue 6, item 6): any YAML at all is either
a scenario or a list of problems, and `disclose scenario run` exits 2 with them,
never a traceback."""

import io
import os
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclose.scenarios.parse import ScenarioInvalid, parse_text

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))
EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "60"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["2016-13-01", "2026-02-29", "approve", "csm", "T1", "P1", "-1", "1e999"]),
)
tree = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _checked(text: str) -> None:
    """A Scenario, or ScenarioInvalid with a line per problem naming the file."""
    try:
        parse_text(text, "fuzz.yaml")
    except ScenarioInvalid as invalid:
        assert invalid.problems
        assert all(p.startswith("fuzz.yaml: ") and len(p) > 12 for p in invalid.problems)


@FAST
@given(text=st.text(max_size=400))
def test_any_text_is_a_scenario_or_a_list_of_problems(text):
    _checked(text)


@FAST
@given(data=tree)
def test_any_yaml_structure_is_a_scenario_or_a_list_of_problems(data):
    _checked(yaml.safe_dump(data, allow_unicode=True))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


@FAST
@given(source=st.sampled_from(SCENARIOS), pick=st.integers(min_value=0), replacement=tree)
def test_a_real_scenario_with_any_part_replaced_is_checked_not_crashed(source, pick, replacement):
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    paths = list(_paths(data))[1:]
    where = paths[pick % len(paths)]
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = replacement
    _checked(yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize(
    "text",
    [
        "name: [unclosed",
        "- just\n- a list\n",
        "name: x\nsteps: 7\n",
        "\x00\x01",
        "!!python/object:os.system {}",
    ],
)
def test_the_command_exits_2_with_a_message_for_a_file_it_cannot_run(tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit) as leaving:
        call_command("scenario", "run", str(path), stdout=io.StringIO(), stderr=err)
    assert leaving.value.code == 2
    message = err.getvalue()
    assert f"{path}:" in message and "Nothing was run" in message
    assert "Traceback" not in message


def test_a_file_that_is_not_text_exits_2_with_a_message(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"\xff\xfe\x00 name: \xe7")
    err = io.StringIO()
    with pytest.raises(SystemExit) as leaving:
        call_command("scenario", "run", str(path), stdout=io.StringIO(), stderr=err)
    assert leaving.value.code == 2 and str(path) in err.getvalue()
