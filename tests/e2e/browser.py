"""Helpers for the browser journeys: accessibility checks, screenshots, signing in.

axe-core comes from node_modules (`make install` puts it there from package-lock.json);
screenshots go to test-output/screenshots/, which git ignores.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from signin_codes import fresh_code

from disclose.records.models import Staff

from .remote import expect

REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-output" / "screenshots"
PASSWORD = "a-long-synthetic-passphrase"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(path: Path, why: str) -> None:
    """Fail the journeys when path is missing: a skip would prove nothing."""
    if not path.exists():
        pytest.fail(f"{path} is missing: {why}. Install it, as .ci/run does.")


# Issue 5: zero serious or critical violations on every page a journey visits.
FAILING_IMPACTS = ("serious", "critical")


def _describe(violation: dict) -> str:
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({targets})"


def assert_accessible(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; fail on any serious or critical violation.

    Every violation found is printed (minor and moderate ones too, so they are seen).
    Returns the violations, for a test that wants to say more.
    """
    # A click that follows a link returns before the next page has loaded; axe run
    # while the old document is being replaced fails ("Cannot read properties of null
    # (reading 'documentElement')", or the execution context is destroyed). So wait
    # for the page to load, and if a navigation still cut axe off, wait and run again
    # on the page that arrived: the check is always of a whole, loaded page.
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            violations = _run_axe(page)
            break
        except PlaywrightError as error:
            if attempt == 2 or not _cut_off_by_navigation(error):
                raise
    where = f"{page.title()!r} at {page.url}"
    if violations:
        print(f"axe-core on {where}:\n" + "\n".join(_describe(v) for v in violations))
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"axe-core found serious or critical problems on {where}:\n" + "\n".join(
        json.dumps(v, indent=1)[:2000] for v in failing
    )
    return violations


def _run_axe(page: Page) -> list[dict]:
    # Evaluated through the DevTools protocol rather than page.add_script_tag(path=...),
    # which adds an inline <script> that the Content Security Policy rightly blocks.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        # preload: false, or axe copies the page's style sheets into inline <style>
        # elements, which the Content Security Policy refuses (only the CSS orientation
        # lock rule needs them; GOV.UK Frontend does not lock orientation).
        "async () => (await axe.run(document, {resultTypes: ['violations'], preload: false}))"
        ".violations"
    )


NAVIGATION_CUT_OFF = (
    "reading 'documentElement'",
    "Execution context was destroyed",
    "axe is not defined",
)


def _cut_off_by_navigation(error: PlaywrightError) -> bool:
    return any(words in str(error) for words in NAVIGATION_CUT_OFF)


def submit(page: Page, button: str, done: str) -> None:
    """Press a step's button; the request page's banner says the step went ahead."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(done)
    assert_accessible(page)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as test-output/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower()).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def enter_security_code(page: Page, username: str) -> None:
    """Type the code the person's authenticator app shows now (never one used before)."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label("Security code").fill(fresh_code(Staff.objects.get(username=username)))
    page.get_by_role("button", name="Continue").click()


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the forms, as a person would (password, then the security code
    from their authenticator app), and wait for My work."""
    if "/sign-in/" not in page.url:
        page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    enter_security_code(page, username)
    expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()
