"""With JavaScript off the pages still work: JavaScript only enhances them."""

import re

from .browser import sign_in
from .records import an_open_request_being_matched, make_person_with_a_record
from .remote import expect


def test_signing_in_and_finding_a_person_work_without_javascript(chromium, live_server, staff):
    person = make_person_with_a_record(worker=staff["social_worker"])
    reference = an_open_request_being_matched(staff["scimt_officer"], person)
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/sign-in/")
        expect(page.get_by_role("button", name="Show password")).to_be_hidden()
        expect(page.locator("body")).not_to_have_class(re.compile("govuk-frontend-supported"))
        sign_in(page, staff["scimt_officer"].username)

        page.goto("/persons/search/")
        page.get_by_label("Request reference").fill(reference)
        page.get_by_label("Last name").fill(person.surname)
        page.get_by_role("button", name="Search").click()
        page.get_by_role("button", name=person.full_name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(person.full_name)

        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(re.compile(r"/sign-in/$"))
    finally:
        context.close()
