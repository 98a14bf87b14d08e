"""Signing in: a wrong password is explained; the right one, then the security code,
lands on My work."""

import re

from .browser import PASSWORD, assert_accessible, enter_security_code, screenshot
from .remote import expect


def test_a_wrong_password_shows_the_error_summary_then_the_right_one_lands_on_my_work(
    page, staff, live_server
):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Disclose")
    assert_accessible(page)
    screenshot(page, "sign-in")
    # GOV.UK Frontend's JavaScript has started: the password can be shown.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    password = page.get_by_label("Password", exact=True)
    password.fill("not-the-password")
    page.get_by_role("button", name="Show password").click()
    expect(password).to_have_attribute("type", "text")

    page.get_by_label("Username").fill("scimt.officer")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to it, for screen readers
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page.get_by_label("Username")).to_have_value("scimt.officer")
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    assert_accessible(page)
    screenshot(page, "sign-in-wrong-password")

    summary.get_by_role("link", name="Enter a correct username and password").click()
    expect(page.get_by_label("Username")).to_be_focused()
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    assert_accessible(page)
    screenshot(page, "security-code")
    enter_security_code(page, "scimt.officer")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    officer = staff["scimt_officer"]
    expect(page.get_by_text(f"Signed in as {officer.display_name}")).to_be_visible()
    current = page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work")
    expect(current).to_have_attribute("aria-current", "page")
    assert_accessible(page)
    screenshot(page, "my-work")
