"""The spec's example in Chromium (spec/scenarios.md): a closed case with paper
records whose team no longer exists, from intake to close, signing in as each
role in turn: SCIMT officer, DCPT CSM, DCPT team manager, social worker and
business support. A close tried while the files are still out is refused
(files_not_returned, 2.1.3.5). axe-core runs on every page visited."""

import re
from datetime import date

import pytest
from casework_factories import add_cp_plan, add_episode, add_holding, build_office, make_person

from disclose.casework.models import Request
from disclose.records.search import reindex_persons

from .browser import assert_accessible, screenshot, submit
from .desks import can_sign_in, open_desks, open_request
from .remote import expect


@pytest.fixture
def desks(chromium, live_server, staff):
    yield from open_desks(chromium, live_server.url)


@pytest.fixture
def world(staff):
    office = build_office()
    person = make_person(forename="Jayden", surname="Smith", dob=date(2010, 3, 4))
    add_episode(person, office.t0, start=date(2014, 1, 1), end=date(2016, 5, 1))
    add_cp_plan(person)
    add_holding(person, "paper", reference="BOX-1187")
    reindex_persons([person.pk])
    can_sign_in(office.scimt, office.csm_d, office.tm_d, office.sw_d, office.bs)
    return office


def click(page, name: str) -> None:
    page.get_by_role("link", name=name).first.click()


def log_the_request(page) -> str:
    """The SCIMT officer logs an emailed request from the police (section 1)."""
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="New request").click()
    assert_accessible(page)
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Information from children's social care records").check()
    page.get_by_label("Specific information").check()
    page.get_by_label("Full name").fill("DC Jane Doe")
    page.get_by_label("Police").check()
    page.get_by_label("Email address").fill("jane.doe@example.police.uk")
    page.get_by_role("group", name="Do they hold the consent").get_by_label("Yes").check()
    page.get_by_label("What are they asking for, and why?").fill("Dates of any CP plan.")
    page.get_by_label("First name").fill("Jaden")
    page.get_by_label("Last name").fill("Smith")
    subject = page.get_by_role("group", name="Person 1")
    subject.get_by_label("Day").fill("4")
    subject.get_by_label("Month").fill("3")
    subject.get_by_label("Year").fill("2010")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before logging the request"
    )
    assert_accessible(page)
    screenshot(page, "check-your-answers")
    page.get_by_role("button", name="Log the request").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("logged")
    assert_accessible(page)
    return Request.objects.get().reference


def test_the_spec_example_runs_from_intake_to_close_in_chromium(desks, world):
    office = world
    # SCIMT: intake, identity, match, basic information, forward (section 1).
    scimt = desks(office.scimt)
    assert_accessible(scimt)
    reference = log_the_request(scimt)
    click(scimt, "Check the requestor's identity")
    assert_accessible(scimt)
    scimt.get_by_label("Called back on a known number").check()
    scimt.get_by_label("Verified", exact=True).check()
    submit(scimt, "Save", "Identity check recorded")
    click(scimt, "Find this person in the records")
    assert_accessible(scimt)
    scimt.get_by_role("button", name="Search").click()
    assert_accessible(scimt)
    scimt.get_by_role("button", name=re.compile("This is the person.*Jayden Smith")).click()
    # The subjects are on the request's People sub-page (issue 13).
    subnav = scimt.get_by_role("navigation", name="Parts of this request")
    subnav.get_by_role("link", name="People").click()
    expect(scimt.locator("#subject-1")).to_contain_text("Matched")
    assert_accessible(scimt)
    subnav.get_by_role("link", name="Summary").click()
    click(scimt, "Share basic information")
    assert_accessible(scimt)
    submit(scimt, "Send basic information", "Basic information sent")
    click(scimt, "Forward the request")
    assert_accessible(scimt)
    scimt.get_by_label("I have checked each subject's route").check()
    submit(scimt, "Forward the request", "Request forwarded")
    expect(scimt.locator("#main-content")).to_contain_text(
        "Closed case, paper files: to the DCPT's CSM"
    )

    # The DCPT CSM approves (2.1.3.1); the DCPT team manager allocates.
    csm = desks(office.csm_d)
    open_request(csm, reference)
    assert_accessible(csm)
    click(csm, "Record your decision")
    assert_accessible(csm)
    csm.get_by_label("Approve: share the information").check()
    csm.get_by_label("Reason for your decision").fill("Specific and proportionate.")
    csm.get_by_label("I have checked this decision").check()
    submit(csm, "Record decision", "Decision recorded")
    manager = desks(office.tm_d)
    open_request(manager, reference)
    click(manager, "Allocate to a social worker")
    assert_accessible(manager)
    # An accessible autocomplete over the social workers, their own team first (issue 13).
    manager.get_by_label("Which social worker").fill(office.sw_d.last_name)
    manager.get_by_role("option", name=re.compile(office.sw_d.display_name)).first.click()
    submit(manager, "Allocate", "Allocated")

    # The worker checks identity again and asks for the paper files (2.1.3.2, 2.1.3.3).
    worker = desks(office.sw_d)
    assert_accessible(worker)
    screenshot(worker, "my-work-worker")
    open_request(worker, reference)
    click(worker, "Check the requestor's identity again")
    assert_accessible(worker)
    worker.get_by_label("Called back on a known number").check()
    worker.get_by_label("Verified", exact=True).check()
    submit(worker, "Save", "Identity check recorded")
    click(worker, "Ask for paper files")
    assert_accessible(worker)
    worker.get_by_label("BOX-1187").check()
    submit(worker, "Ask business support", "Business support have been asked")

    # Business support fetch them from storage.
    support = desks(office.bs)
    expect(support.get_by_text("BOX-1187").first).to_be_visible()
    assert_accessible(support)
    open_request(support, reference)
    click(support, "Record as retrieved")
    assert_accessible(support)
    submit(support, "Record as retrieved", "Recorded as retrieved")

    # The worker supplies the information; a close with the files out is refused.
    open_request(worker, reference)
    click(worker, "Supply information")
    assert_accessible(worker)
    worker.get_by_label("What did you supply?").fill("CP plan dates, 2014 to 2015.")
    worker.get_by_label("I have checked what I am supplying").check()
    submit(worker, "Supply information", "Information supplied")
    expect(worker.get_by_role("link", name="Close the request")).to_have_count(0)
    # The close page says at once why it cannot be taken, and offers no button.
    worker.goto(f"/requests/{reference}/close/")
    assert_accessible(worker)
    summary = worker.locator(".govuk-error-summary")
    expect(summary).to_contain_text("not back in storage")
    expect(worker.get_by_role("button", name="Close the request")).to_have_count(0)
    assert_accessible(worker)
    assert Request.objects.get().state == "forwarded"
    # The picture shows where it stands: only the close is left, once the files are back.
    worker.goto(f"/requests/{reference}/procedure/")
    steps = worker.locator(".disclose-procedure__steps")
    expect(steps).to_contain_text("Request closed (2.1): Now. 1 file(s) to return")
    expect(steps).to_contain_text("Paper files or microfilm fetched (2.1.3.3): Done")
    expect(worker.locator('svg g[data-status="current"]')).to_contain_text("▶ Now")
    assert_accessible(worker)
    screenshot(worker, "procedure-picture")

    # Business support return the files; the worker closes the request.
    open_request(support, reference)
    click(support, "Record as returned to storage")
    assert_accessible(support)
    submit(support, "Record as returned", "Recorded as returned")
    open_request(worker, reference)
    click(worker, "Close the request")
    assert_accessible(worker)
    worker.get_by_label("I understand that a closed request cannot be opened again").check()
    submit(worker, "Close the request", "Request closed")
    assert Request.objects.get().state == "closed"
    screenshot(worker, "request-page")

    worker.get_by_role("link", name="See the procedure on a page of its own").click()
    picture = worker.get_by_role("img", name=f"Where request {reference} is in the procedure")
    expect(picture).to_be_visible()
    expect(worker.locator(".disclose-procedure__steps")).to_contain_text(
        "Request closed (2.1): Done"
    )
    assert_accessible(worker)
