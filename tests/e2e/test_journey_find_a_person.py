"""Finding a person for a request, and opening their record (procedure 1: the officer's first step)."""

import re

import pytest
from playwright.sync_api import Page

from disclose.audit.models import AuditEvent

from .browser import assert_accessible, screenshot, sign_in
from .records import an_open_request_being_matched, make_person_with_a_record
from .remote import expect


@pytest.fixture
def person(staff):
    return make_person_with_a_record(worker=staff["social_worker"])


@pytest.fixture
def reference(staff, person) -> str:
    return an_open_request_being_matched(staff["scimt_officer"], person)


def fill_search(page: Page, person) -> None:
    page.get_by_label("Last name").fill(person.surname)
    page.get_by_label("Day").fill(str(person.dob.day))
    page.get_by_label("Month").fill(str(person.dob.month))
    page.get_by_label("Year").fill(str(person.dob.year))


def test_an_officer_finds_a_person_for_a_request_and_opens_the_record(
    page, staff, person, reference
):
    sign_in(page, staff["scimt_officer"].username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    assert_accessible(page)
    screenshot(page, "find-a-person")

    fill_search(page, person)
    page.get_by_role("button", name="Search").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the request reference this is for")
    expect(page.get_by_label("Last name")).to_have_value(person.surname)  # nothing typed is lost
    expect(page.get_by_label("Year")).to_have_value(str(person.dob.year))
    assert_accessible(page)
    screenshot(page, "find-a-person-no-reference")

    page.get_by_label("Request reference").fill(reference)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 possible match")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=person.full_name)
    expect(row.get_by_role("listitem").first).to_be_visible()  # why it matched
    assert_accessible(page)
    screenshot(page, "search-results")

    row.get_by_role("button", name=person.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    expect(page.get_by_text(f"Request {reference}", exact=True)).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text(
        "Ashfield Children's Team (team closed)"
    )
    expect(page.get_by_text("Visited at home.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "person-record")

    viewed = AuditEvent.objects.get(event_type="person_viewed")
    assert viewed.actor == staff["scimt_officer"] and viewed.request_reference == reference


def test_opening_a_person_asks_which_request_before_showing_the_record(
    page, staff, person, reference
):
    sign_in(page, staff["scimt_officer"].username)
    page.goto(f"/persons/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which request is this for?")
    expect(page.get_by_text(person.surname)).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "which-request")

    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the request reference this is for"
    )
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_text(person.surname)).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Request reference").fill(reference)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)
    assert AuditEvent.objects.filter(
        event_type="person_viewed", person_id=person.pk, request_reference=reference
    ).exists()
