"""The professional's side of the portal journeys: signing in through the real
emails (the link and the code read from the SMTP server's captured mail)."""

from portal_mail import latest_link_and_code

from .browser import assert_accessible as _axe
from .remote import expect


def assert_accessible(page) -> None:
    """Issue 16: axe-core finds nothing at all on a portal page, at any impact."""
    violations = _axe(page)
    assert violations == [], [(v["id"], v["impact"]) for v in violations]


def portal_sign_in(page, smtp, address: str) -> None:
    page.goto("/portal/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
    assert_accessible(page)
    page.get_by_label("Your work email address").fill(address)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)
    link, code = latest_link_and_code(smtp, address)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    assert_accessible(page)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your requests")
    assert_accessible(page)


def portal_ask(page, *, forename: str, surname: str, agency: str = "CAFCASS") -> None:
    """Ask for information, first sending the form empty to see its errors."""
    page.get_by_role("button", name="Ask for information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for information")
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your full name")
    assert_accessible(page)
    page.get_by_label("Information from children's social care records").check()
    page.get_by_label("Specific information").check()
    page.get_by_label("Your full name").fill("Alex Guardian")
    page.get_by_label(agency, exact=True).check()
    page.get_by_label("Your job title or role").fill("Family court adviser")
    page.get_by_label("Your relationship to the people").fill(
        "Children's guardian appointed in care proceedings."
    )
    page.get_by_role("group", name="Do you hold the consent").get_by_label("Yes").check()
    page.get_by_label("What are you asking for, and why?").fill(
        "Dates of any child protection plan, for the court."
    )
    page.get_by_label("First name").fill(forename)
    page.get_by_label("Last name").fill(surname)
    person = page.get_by_role("group", name="Person 1")
    person.get_by_label("Day").fill("4")
    person.get_by_label("Month").fill("3")
    person.get_by_label("Year").fill("2010")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    assert_accessible(page)
