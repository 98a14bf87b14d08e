"""Hard copies in Chromium (2.2): the worker lists what the requestor asked for,
the CSM who approved the sharing approves the copies, and business support
upload the copy, attach it and send it by Cryptshare. Sending without the
Cryptshare transfer's reference is refused. axe-core on every page visited."""

import pytest
from casework_factories import build_office
from hard_copy_factories import PDF, supplied

from disclose.casework.models import Dispatch, HardCopyItem

from .browser import assert_accessible, screenshot, submit
from .desks import can_sign_in, open_desks, open_request
from .remote import expect


@pytest.fixture
def desks(chromium, live_server, staff):
    yield from open_desks(chromium, live_server.url)


@pytest.fixture
def case(staff, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    can_sign_in(office.sw_t1, office.csm_t1, office.bs)
    return office, supplied(office)


def step(page, link: str) -> None:
    page.get_by_role("link", name=link).first.click()
    assert_accessible(page)


def test_hard_copies_are_listed_approved_and_sent_by_cryptshare(desks, case):
    office, request = case
    worker = desks(office.sw_t1)
    open_request(worker, request.reference)
    step(worker, "Ask for hard copies")
    worker.get_by_label("Document title").first.fill("Child protection plan")
    submit(worker, "Send the list for approval", "sent for approval")

    csm = desks(office.csm_t1)
    assert_accessible(csm)  # My work: the copies waiting on the CSM
    open_request(csm, request.reference)
    step(csm, "Decide on hard copies")
    csm.get_by_label("Approve: business support may copy and send them").check()
    csm.get_by_label("Reason for your decision").fill("For the court bundle.")
    csm.get_by_label("I have checked this decision").check()
    submit(csm, "Record decision", "Decision on hard copies recorded")

    support = desks(office.bs)
    expect(support.get_by_role("link", name=request.reference).first).to_be_visible()
    assert_accessible(support)
    screenshot(support, "my-work-business-support")
    open_request(support, request.reference)
    step(support, "Upload a document")
    support.get_by_label("Choose a file").set_input_files(
        files=[{"name": "cp-plan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    support.get_by_label("Title").fill("CP plan copy")
    submit(support, "Upload", "Document uploaded")
    step(support, "Attach a file to a hard copy")
    support.get_by_label("Child protection plan").check()
    support.get_by_label("CP plan copy").check()
    submit(support, "Attach", "File attached")
    step(support, "Send the hard copies")
    support.get_by_label("Cryptshare", exact=True).check()
    support.get_by_label("I have checked the copies").check()
    # Refused: a Cryptshare transfer needs its reference.
    support.get_by_role("button", name="Send", exact=True).click()
    expect(support.locator(".govuk-error-summary")).to_contain_text("Cryptshare transfer")
    assert_accessible(support)
    assert not Dispatch.objects.exists()
    support.get_by_label("Cryptshare transfer reference").fill("CS-2026-0042")
    support.get_by_label("I have checked the copies").check()
    submit(support, "Send", "Hard copies sent")
    assert Dispatch.objects.get().transfer_reference == "CS-2026-0042"
    assert set(HardCopyItem.objects.values_list("status", flat=True)) == {"dispatched"}
