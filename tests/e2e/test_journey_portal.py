"""The agency portal in Chromium (issue 16, item 2): a professional signs in with
the link and code from the real emails, asks for information, and follows the
request as the SCIMT and the worker take their steps in browsers of their own;
business support send the approved copy through the portal, and the
professional downloads it. A staff address answers the portal session with 404.
axe-core on every portal page visited."""

from datetime import date

import pytest
from casework_factories import add_episode, build_office, make_person
from hard_copy_factories import PDF, upload

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import Request
from disclose.records.search import reindex_persons

from .browser import assert_accessible as staff_page_accessible
from .browser import screenshot
from .desks import can_sign_in, open_desks, open_request
from .portal import assert_accessible, portal_ask, portal_sign_in
from .remote import expect

ADDRESS = "alex.guardian@cafcass.gov.uk"


@pytest.fixture
def desks(chromium, live_server, staff):
    yield from open_desks(chromium, live_server.url)


# A surname Faker never gives the staff, so "no staff names shown" cannot trip on the child's.
CHILD = "Quarrendon"


@pytest.fixture
def office(staff, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    person = make_person(forename="Jayden", surname=CHILD, dob=date(2010, 3, 4))
    add_episode(person, office.t1, start=date(2024, 1, 1), worker=office.sw_t1)
    reindex_persons([person.pk])
    can_sign_in(office.scimt, office.sw_t1, office.bs)
    return office


def click(page, name: str) -> None:
    page.get_by_role("link", name=name).first.click()
    staff_page_accessible(page)


def submit(page, button: str, done: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(done)
    staff_page_accessible(page)


def standing(page, reference: str, words: str) -> None:
    """The professional opens the request from their list and reads where it stands."""
    page.goto("/portal/")
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    expect(page.locator("#main-content")).to_contain_text(words)
    assert_accessible(page)


def test_a_professional_asks_follows_and_downloads_through_the_portal(page, desks, office, smtp):
    portal_sign_in(page, smtp, ADDRESS)
    portal_ask(page, forename="Jaden", surname=CHILD)
    page.get_by_role("link", name="Go to your requests").click()
    expect(page.locator("#main-content")).to_contain_text("Waiting to be logged")
    assert_accessible(page)

    # The SCIMT logs the draft as it stands, then takes the section 1 steps.
    scimt = desks(office.scimt)
    scimt.goto("/requests/by-email/")
    scimt.get_by_role("link", name="Alex Guardian").first.click()
    expect(scimt.locator("#main-content")).to_contain_text("Asked on the agency portal")
    staff_page_accessible(scimt)
    submit(scimt, "Log the request", "logged")
    reference = Request.objects.get().reference
    assert Request.objects.get().channel == "portal"
    standing(page, reference, "Received. We are checking who you are.")
    expect(page.locator("#due")).to_contain_text("Expect an answer by")

    click(scimt, "Check the requestor's identity")
    scimt.get_by_label("Called back on a known number").check()
    scimt.get_by_label("Verified", exact=True).check()
    submit(scimt, "Save", "Identity check recorded")
    click(scimt, "Find this person in the records")
    scimt.get_by_role("button", name="Search").click()
    scimt.get_by_role("button", name="This is the person").first.click()
    subnav = scimt.get_by_role("navigation", name="Parts of this request")
    subnav.get_by_role("link", name="People").click()
    expect(scimt.locator("#subject-1")).to_contain_text("Matched")
    subnav.get_by_role("link", name="Summary").click()
    click(scimt, "Share basic information")
    submit(scimt, "Send basic information", "Basic information sent")
    click(scimt, "Forward the request")
    scimt.get_by_label("I have checked each subject's route").check()
    submit(scimt, "Forward the request", "Request forwarded")
    standing(page, reference, "A social worker is preparing the information.")
    text = page.locator("#main-content").inner_text()
    for internal in ("allocated", "open:", "forwarded", office.sw_t1.last_name, "scimt"):
        assert internal not in text, internal

    # The allocated worker supplies the information (2.1.1).
    worker = desks(office.sw_t1)
    open_request(worker, reference)
    click(worker, "Supply information")
    worker.get_by_label("What did you supply?").fill("CP plan dates, 2024.")
    worker.get_by_label("I have checked what I am supplying").check()
    submit(worker, "Supply information", "Information supplied")
    standing(page, reference, "Information sent to you.")

    # Hard copies (2.2), approved; business support send the copy through the portal.
    request = Request.objects.get()
    services.request_hard_copies(
        actor=office.sw_t1, request=request, items=[{"title": "Child protection plan"}]
    )
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="approve", reason="For the court."
    )
    copy = upload(office.bs, request, PDF, name="cp-plan.pdf", title="CP plan copy")
    services.attach_hard_copy_file(
        actor=office.bs, request=request, item="Child protection plan", document=copy
    )
    support = desks(office.bs)
    open_request(support, reference)
    click(support, "Send the hard copies")
    support.get_by_label("The agency portal").check()
    support.get_by_label("I have checked the copies").check()
    submit(support, "Send", "Hard copies sent")

    standing(page, reference, "Documents sent to you")
    screenshot(page, "portal-request")
    link = page.get_by_role("link", name="Child protection plan")
    response = page.request.get(link.get_attribute("href"))  # with the page's own cookies
    assert response.status == 200 and response.body() == PDF
    assert "attachment" in response.headers["content-disposition"]
    assert AuditEvent.objects.filter(
        event_type="portal_document_downloaded", request_reference=reference
    ).exists()

    # A staff address answers the portal session with 404, and says nothing.
    response = page.goto(f"/requests/{reference}/")
    assert response.status == 404
    expect(page.locator("#main-content")).not_to_contain_text(CHILD)
    assert_accessible(page)
    page.goto("/portal/")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    assert_accessible(page)
