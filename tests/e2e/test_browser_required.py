"""Without Chromium the browser journeys fail, saying what to install: a
skipped journey would prove nothing, on a workstation or in CI."""

from pathlib import Path

import pytest

from .browser import require

MISSING = Path("/nonexistent/chromium")


@pytest.mark.parametrize("ci", ["true", None])
def test_a_missing_browser_fails_the_run_and_says_what_to_install(monkeypatch, ci):
    if ci:
        monkeypatch.setenv("CI", ci)
    else:
        monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.fail.Exception, match="is missing: install it. Install it"):
        require(MISSING, "install it")
