"""Every role signs in, is offered what its work needs (and told plainly what it may not
use), and signs out."""

import re

from disclose.web.access import RECORDS_ROLES

from .browser import assert_accessible, screenshot, sign_in
from .remote import expect


def test_each_role_signs_in_sees_its_links_and_signs_out(page, staff):
    for code, person in staff.items():
        sign_in(page, person.username)
        menu = page.get_by_role("navigation", name="Menu")
        search_link = menu.get_by_role("link", name="Find a person")
        if code in RECORDS_ROLES:
            expect(search_link).to_be_visible()
        else:
            expect(search_link).to_have_count(0)
            told_no = page.goto("/persons/search/")
            assert told_no.status == 403
            expect(page.get_by_role("heading", level=1)).to_have_text("You cannot use this page")
            if code == "legal_services":
                assert_accessible(page)
                screenshot(page, "forbidden")

        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(re.compile(r"/sign-in/$"))
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    page.goto("/")  # the session has ended: back to sign-in
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    assert page.goto("/no-such-page/").status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
