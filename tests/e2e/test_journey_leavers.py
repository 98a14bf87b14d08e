"""A worker leaves (issue 12, item 1) in Chromium: an administrator marks
them as left on the admin screens' staff page, their team manager finds the
work on My team's work as "Holder has left" and reassigns it, with a reason,
to another worker, who checks identity again, supplies and closes. A refused
step on the way; axe-core on every page visited."""

import re

import pytest
from casework_factories import approved, build_office, make_staff

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import Request
from disclose.records.models import CaseNote

from .browser import assert_accessible, submit
from .desks import can_sign_in, open_desks, open_request
from .remote import expect


@pytest.fixture
def desks(chromium, live_server, staff):
    yield from open_desks(chromium, live_server.url)


def click(page, link: str) -> None:
    page.get_by_role("link", name=link).first.click()
    assert_accessible(page)


def test_a_team_manager_reassigns_a_leavers_work_and_the_new_worker_finishes_it(desks, staff):
    office = build_office()
    newcomer = make_staff("sw_new", "social_worker", team=office.t1)
    can_sign_in(office.tm_t1, newcomer)
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    leaver = office.sw_t1

    # The administrator marks the worker as left, on the staff page.
    admin = staff["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    desk = desks(admin)
    desk.goto(f"/admin/records/staff/?q={leaver.username}")
    desk.get_by_role("checkbox", name=re.compile(re.escape(leaver.display_name))).check()
    desk.get_by_role("combobox", name="Action").select_option("mark_as_left")
    desk.get_by_role("button", name="Go").click()
    expect(desk.locator(".messagelist")).to_contain_text(
        f"Recorded as having left: {leaver.display_name}"
    )
    assert_accessible(desk)
    assert AuditEvent.objects.filter(event_type="staff_leaves").count() == 1

    # Their manager sees the work waiting, held by someone who has left.
    manager = desks(office.tm_t1)
    manager.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="My team's work"
    ).click()
    row = manager.get_by_role("row").filter(has_text=case.reference)
    expect(row).to_contain_text("Holder has left")
    expect(row).to_contain_text(leaver.display_name)
    assert_accessible(manager)
    row.get_by_role("link", name=re.compile("Reassign")).click()
    expect(manager.get_by_role("heading", level=1)).to_contain_text("Reassign")
    assert_accessible(manager)
    manager.get_by_label("Who should hold it now?").fill(newcomer.last_name)
    manager.get_by_role("option", name=re.compile(re.escape(newcomer.display_name))).first.click()
    # Refused: no reason given.
    manager.get_by_role("button", name="Reassign", exact=True).click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text(
        "Say why you are reassigning it"
    )
    assert_accessible(manager)
    assert case.subjects.get().assignee == leaver  # nothing moved
    manager.get_by_label("Who should hold it now?").fill(newcomer.last_name)
    manager.get_by_role("option", name=re.compile(re.escape(newcomer.display_name))).first.click()
    manager.get_by_label("Why are you reassigning it?").fill("Their worker has left the council.")
    submit(manager, "Reassign", "Reassigned")
    expect(manager.locator("main")).to_contain_text(newcomer.display_name)

    # The new worker checks the requestor again, supplies and closes (2.1.2.2).
    worker = desks(newcomer)
    open_request(worker, case.reference)
    click(worker, "Check the requestor's identity again")
    worker.get_by_label("Called back on a known number").check()
    worker.get_by_label("Verified", exact=True).check()
    submit(worker, "Save", "Identity check recorded")
    click(worker, "Supply information")
    worker.get_by_label("What did you supply?").fill("Dates of the child protection plan.")
    worker.get_by_label("I have checked what I am supplying").check()
    submit(worker, "Supply information", "Information supplied")
    click(worker, "Close the request")
    worker.get_by_label("I understand that a closed request cannot be opened again").check()
    submit(worker, "Close the request", "Request closed")

    assert Request.objects.get(pk=case.pk).state == "closed"
    note = CaseNote.objects.get(text__contains="reassigned")
    assert f"{leaver.display_name} (Social worker), who has left," in note.text
    assert "Their worker has left the council." in note.text
