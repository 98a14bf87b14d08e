"""Without Chromium the journeys are skipped on a workstation, but CI fails instead."""

from pathlib import Path

import pytest

from .browser import require

MISSING = Path("/nonexistent/chromium")


def test_a_missing_browser_fails_the_run_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="never skip them"):
        require(MISSING, "install it")


def test_a_missing_browser_skips_the_journeys_on_a_workstation(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Browser journeys skipped"):
        require(MISSING, "install it")
