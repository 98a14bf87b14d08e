"""Working the queue in Chromium (issue 13): the SCIMT finds a request from
/requests/ by the requestor's name and by a subject's name; every 'What you
can do now' panel on the way matches actions_for; the sub-pages and the print
view; allocation offers the team's own workers first, as an autocomplete.
axe-core runs on every page visited."""

import pytest
from casework_factories import approved, build_office, forwarded, receive

from disclose.casework.actions import actions_for
from disclose.casework.models import Request
from disclose.web.views.requests_now import _CLOCK_SLUGS

from .browser import assert_accessible, screenshot
from .desks import can_sign_in, open_desks
from .remote import expect


@pytest.fixture
def desks(chromium, live_server, staff):
    yield from open_desks(chromium, live_server.url)


@pytest.fixture
def office(staff):
    built = build_office()
    can_sign_in(built.scimt, built.csm_d, built.tm_t1)
    return built


def accessible(page) -> None:
    """axe-core: no violation at any level (issue 13), not only serious ones."""
    assert assert_accessible(page) == []


def panel_matches_actions_for(page, staff, case) -> None:
    """The panel's buttons are exactly the steps actions_for allows now."""
    panel = page.locator("#actions")
    shown = {
        panel.locator("[data-step]").nth(i).get_attribute("data-step")
        for i in range(panel.locator("[data-step]").count())
    }
    allowed = actions_for(staff, Request.objects.get(pk=case.pk)).names()
    assert {n for n in shown if n not in _CLOCK_SLUGS} == {
        n for n in allowed if n not in _CLOCK_SLUGS
    }
    assert bool(shown & set(_CLOCK_SLUGS)) == bool(allowed & set(_CLOCK_SLUGS))


def find(page, text: str) -> None:
    page.get_by_label("Search", exact=True).fill(text)
    page.get_by_role("button", name="Search", exact=True).click()
    accessible(page)


def test_the_scimt_finds_a_request_by_requestor_and_by_subject(desks, office):
    person = office.closed_case(office.t0)
    wanted = forwarded(office, person, requestor_name="DS Ottoline Vexworth")
    other = receive(office, office.closed_case(), requestor_name="PC Tom Hale")

    scimt = desks(office.scimt)
    scimt.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Requests", exact=True
    ).click()
    expect(scimt.get_by_role("heading", level=1)).to_have_text("Requests")
    accessible(scimt)
    screenshot(scimt, "requests-list")

    find(scimt, "Vexworth")
    expect(scimt.get_by_role("link", name=wanted.reference)).to_be_visible()
    expect(scimt.get_by_role("link", name=other.reference)).to_have_count(0)
    find(scimt, person.surname)
    expect(scimt.get_by_role("link", name=wanted.reference)).to_be_visible()
    expect(scimt.get_by_role("link", name=other.reference)).to_have_count(0)
    find(scimt, "nobody-by-this-name")
    expect(scimt.get_by_text("No requests you can see match this search.")).to_be_visible()

    find(scimt, person.surname)
    scimt.get_by_role("link", name=wanted.reference).click()
    expect(scimt.get_by_role("heading", level=1)).to_contain_text(wanted.reference)
    panel_matches_actions_for(scimt, office.scimt, wanted)
    accessible(scimt)
    screenshot(scimt, "request-sub-navigation")

    nav = scimt.get_by_role("navigation", name="Parts of this request")
    for section, heading in (
        ("People", "Who the request is about"),
        ("Messages", "Messages to the requestor"),
        ("Documents", "Documents"),
        ("Case notes", "Case notes for this request"),
        ("Timeline", "Timeline"),
    ):
        nav.get_by_role("link", name=section).click()
        expect(nav.get_by_role("link", name=section)).to_have_attribute("aria-current", "page")
        expect(scimt.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        panel_matches_actions_for(scimt, office.scimt, wanted)
        accessible(scimt)

    scimt.get_by_role("link", name="Print view: the whole request on one page").click()
    for heading in ("Summary", "Who the request is about", "Timeline"):
        expect(scimt.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(scimt.locator("details[open]").first).to_be_visible()
    accessible(scimt)
    scimt.emulate_media(media="print")
    screenshot(scimt, "request-print-view")


def test_the_csms_panel_holds_the_decision_and_allocation_lists_the_team_first(desks, office):
    at_csm = forwarded(office, office.closed_case(office.t0))
    csm = desks(office.csm_d)
    csm.goto(f"/requests/{at_csm.reference}/")
    panel_matches_actions_for(csm, office.csm_d, at_csm)
    expect(csm.locator("#actions").get_by_role("link", name="Record your decision")).to_be_visible()
    accessible(csm)

    to_allocate = approved(office, office.closed_case(), office.csm_t1)
    manager = desks(office.tm_t1)
    manager.goto(f"/requests/{to_allocate.reference}/")
    panel_matches_actions_for(manager, office.tm_t1, to_allocate)
    manager.locator("#actions").get_by_role("link", name="Allocate to a social worker").click()
    accessible(manager)
    # The autocomplete: typing part of a name offers the team's worker.
    box = manager.get_by_role("combobox")
    box.fill(office.sw_t1.last_name[:4])
    expect(manager.get_by_role("option").first).to_contain_text(office.sw_t1.display_name)
    accessible(manager)
