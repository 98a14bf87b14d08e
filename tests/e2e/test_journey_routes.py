"""The other families of routes in Chromium (section 1, 2.1.1, 2.1.2.1, 2.3), each
seeded with the ORM up to the step the browser takes over, signing in as each
role in turn; each has a refused step; axe-core runs on every page visited.

- an open case: the allocated worker supplies and closes;
- a redirect at intake: own records, told to make a subject access request;
- Ofsted asking about a known, closed case: told to contact the MASH;
- a closed case the CSM declines: the requestor's email carries the CSM's
  message to them, never the internal reason.
"""

import pytest
from casework_factories import build_office, forwarded, verified_and_matched
from portal_mail import body

from disclose.casework.models import Message, Request
from disclose.council.models import CouncilProfile
from disclose.outbox.delivery import deliver_due

from .browser import assert_accessible, screenshot, submit
from .desks import can_sign_in, open_desks, open_request
from .remote import expect


@pytest.fixture
def desks(chromium, live_server, staff):
    yield from open_desks(chromium, live_server.url)


@pytest.fixture
def office(staff):
    built = build_office()
    can_sign_in(built.scimt, built.csm_t1, built.sw_t1, built.sw_d)
    return built


def step(page, link: str) -> None:
    page.get_by_role("link", name=link).first.click()
    assert_accessible(page)


def test_an_open_case_is_supplied_and_closed_by_its_worker(desks, office):
    case = forwarded(office, office.open_case(worker=office.sw_t1))
    # A worker with no part in the request is told it does not exist.
    stranger = desks(office.sw_d)
    stranger.goto(f"/requests/{case.reference}/")
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(stranger)

    worker = desks(office.sw_t1)
    open_request(worker, case.reference)
    assert_accessible(worker)
    step(worker, "Supply information")
    worker.get_by_label("What did you supply?").fill("Dates of the current plan.")
    # Refused: the confirmation is not ticked; what was typed is kept.
    worker.get_by_role("button", name="Supply information", exact=True).click()
    expect(worker.locator(".govuk-error-summary")).to_contain_text(
        "Confirm that you have checked what you are supplying"
    )
    expect(worker.get_by_label("What did you supply?")).to_have_value("Dates of the current plan.")
    assert_accessible(worker)
    worker.get_by_label("I have checked what I am supplying").check()
    submit(worker, "Supply information", "Information supplied")
    step(worker, "Close the request")
    worker.get_by_label("I understand that a closed request cannot be opened again").check()
    submit(worker, "Close the request", "Request closed")
    assert Request.objects.get(pk=case.pk).state == "closed"


def test_a_request_for_own_records_is_redirected_at_intake_with_the_councils_address(desks, office):
    scimt = desks(office.scimt)
    scimt.get_by_role("navigation", name="Menu").get_by_role("link", name="New request").click()
    scimt.get_by_label("Email", exact=True).check()
    scimt.get_by_label("Their own records, or records of someone they act for").check()
    scimt.get_by_label("Specific information").check()
    scimt.get_by_label("Full name").fill("Alex Example")
    scimt.get_by_label("Health").check()
    scimt.get_by_label("Email address").fill("alex@example.org")
    scimt.get_by_role("group", name="Do they hold the consent").get_by_label("Yes").check()
    scimt.get_by_label("What are they asking for, and why?").fill("My own file.")
    scimt.get_by_label("First name").fill("Alex")
    scimt.get_by_label("Last name").fill("Example")
    scimt.get_by_role("button", name="Continue").click()
    # A redirect asks before it closes the request and emails the requestor.
    expect(scimt.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before logging the request"
    )
    expect(scimt.locator(".govuk-warning-text")).to_contain_text("emailed at alex@example.org")
    assert_accessible(scimt)
    screenshot(scimt, "check-your-answers-redirect")
    assert not Request.objects.exists() and not Message.objects.exists()
    scimt.get_by_role("button", name="Log it, close it and tell the requestor").click()
    expect(scimt.get_by_role("heading", level=1)).to_have_text("This request belongs elsewhere")
    address = CouncilProfile.current().subject_access_email
    assert address  # the demo council has one; the message must give it
    expect(scimt.locator(".disclose-message-text")).to_contain_text(address)
    assert_accessible(scimt)
    case = Request.objects.get()
    assert case.state == "closed" and case.outcome_route == "redirect:subject_access"
    # Refused: a redirected request cannot be forwarded.
    scimt.goto(f"/requests/{case.reference}/forward/")
    expect(scimt.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(scimt)
    scimt.goto(f"/requests/{case.reference}/procedure/")
    expect(scimt.locator(".disclose-procedure__steps")).to_contain_text("Route: Redirected")
    assert_accessible(scimt)


def test_ofsted_asking_about_a_closed_case_is_told_to_contact_the_mash(desks, office):
    case = verified_and_matched(office, office.closed_case(), requestor_agency="ofsted")
    scimt = desks(office.scimt)
    open_request(scimt, case.reference)
    step(scimt, "Share basic information")
    submit(scimt, "Send basic information", "Basic information sent")
    step(scimt, "Forward the request")
    expect(scimt.locator("main")).to_contain_text("Ofsted: asked to contact the MASH")
    # Refused: forwarding without confirming the routes were checked.
    scimt.get_by_role("button", name="Forward the request", exact=True).click()
    expect(scimt.locator(".govuk-error-summary")).to_contain_text("Confirm that you have checked")
    assert_accessible(scimt)
    scimt.get_by_label("I have checked each subject's route").check()
    submit(scimt, "Forward the request", "Request forwarded")
    mash = Message.objects.get(request=case, kind="contact_mash")
    assert CouncilProfile.current().mash_name in mash.text
    # The messages are on the request's Messages sub-page (issue 13).
    subnav = scimt.get_by_role("navigation", name="Parts of this request")
    subnav.get_by_role("link", name="Messages").click()
    expect(scimt.locator("#messages ~ details").filter(has_text="MASH").first).to_be_visible()


def test_a_csm_declines_with_a_message_and_the_requestors_email_never_has_the_reason(
    desks, office, smtp
):
    case = forwarded(office, office.closed_case())  # last team T1 still exists: its CSM
    csm = desks(office.csm_t1)
    open_request(csm, case.reference)
    step(csm, "Record your decision")
    # The page shows what the requestor reads if the CSM writes no message.
    expect(csm.locator("#standard-decline-message")).to_have_text(
        CouncilProfile.current().decline_message
    )
    csm.get_by_label("Decline").check()
    csm.get_by_label("I have checked this decision").check()
    # Refused: no reason given; the choice made is kept.
    csm.get_by_role("button", name="Record decision").click()
    expect(csm.locator(".govuk-error-summary")).to_contain_text("Give the reason for your decision")
    expect(csm.get_by_label("Decline")).to_be_checked()
    assert_accessible(csm)
    internal = "Stepfather is a suspect in an open police investigation."
    told = "Please ask the family court to order disclosure instead."
    csm.get_by_label("Reason for your decision").fill(internal)
    csm.get_by_label("Message to the requestor (optional)").fill(told)
    csm.get_by_label("I have checked this decision").check()
    submit(csm, "Record decision", "Decision recorded")
    # The email as the requestor's mail server received it, over real SMTP.
    deliver_due()
    to_requestor = [
        body(m)
        for to, m in smtp.emails()
        if to == [case.requestor_email] and "declined" in m["Subject"]
    ]
    assert len(to_requestor) == 1
    assert told in " ".join(to_requestor[0].split())
    assert "Stepfather" not in to_requestor[0] and "suspect" not in to_requestor[0]
    # The reason stays inside, on the person's record.
    open_request(csm, case.reference)
    csm.get_by_role("navigation", name="Parts of this request").get_by_role(
        "link", name="Case notes"
    ).click()
    expect(csm.get_by_text(internal, exact=False).first).to_be_visible()
    assert_accessible(csm)
    csm.goto(f"/requests/{case.reference}/procedure/")
    expect(csm.locator(".disclose-procedure__steps")).to_contain_text(
        "CSM decides (2.1.2.1): Done. Declined"
    )
    assert_accessible(csm)
