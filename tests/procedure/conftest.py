"""Every test here is a test of the procedure's rules: `pytest -m procedure`."""

import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/procedure/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.procedure)
