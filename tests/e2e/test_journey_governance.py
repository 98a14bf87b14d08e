"""Information governance in Chromium (issue 5): the disclosure log filtered by
agency, and the audit views (who looked at a person, chosen by record id in a
POST; the chain's status). Another role is told the pages do not exist.
axe-core on every page visited."""

import pytest
from casework_factories import build_office, forwarded

from disclose.audit.log import record_access

from .browser import assert_accessible, screenshot, sign_in
from .remote import expect


@pytest.fixture
def disclosed(staff):
    office = build_office()
    person = office.open_case(worker=office.sw_t1)
    police = forwarded(office, person)
    cafcass = forwarded(office, office.open_case(worker=office.sw_t1), requestor_agency="cafcass")
    record_access(event_type="person_viewed", actor=office.scimt, person=person)
    return police, cafcass, person


def test_information_governance_reads_the_disclosure_log_and_the_audit_trail(
    page, staff, disclosed
):
    police, cafcass, person = disclosed
    sign_in(page, staff["information_governance"].username)
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Disclosure log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure log")
    expect(page.locator("main")).to_contain_text(police.reference)
    assert_accessible(page)
    page.get_by_label("Agency").select_option("cafcass")
    page.get_by_role("button", name="Show disclosures").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text(cafcass.reference)
    expect(table).not_to_contain_text(police.reference)
    assert "cafcass" in page.url
    assert_accessible(page)
    screenshot(page, "disclosure-log")

    menu.get_by_role("link", name="Audit").click()
    expect(page.locator("#chain-status")).to_contain_text("Intact")
    assert_accessible(page)
    # Refused: a record id nobody has.
    page.get_by_label("Record id of the person").fill("NOBODY-1")
    page.get_by_role("button", name="Show who looked").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("No person has that record id")
    assert_accessible(page)
    page.get_by_label("Record id of the person").fill(person.person_id)
    page.get_by_role("button", name="Show who looked").click()
    expect(page.get_by_role("table")).to_contain_text("Viewed the record")
    assert person.person_id not in page.url  # chosen by POST, not in the address
    assert_accessible(page)
    screenshot(page, "audit-person")


def test_a_social_worker_has_no_governance_links_and_gets_404(page, staff):
    sign_in(page, staff["social_worker"].username)
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Disclosure log")).to_have_count(0)
    expect(menu.get_by_role("link", name="Audit")).to_have_count(0)
    page.goto("/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
