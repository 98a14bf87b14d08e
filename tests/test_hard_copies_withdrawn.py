"""Hard copies still waiting when the requestor withdraws (issue 12, item 2;
2.2): nothing may be left waiting for ever, and nothing more is sent. A list
still awaiting the CSM's decision, and approved copies not yet sent, are
withdrawn with the request: they leave the CSM's and business support's work,
their holders are told, the person's record says so, and once the request has
closed they cannot be approved or sent after all."""

import pytest
from casework_factories import build_office
from hard_copy_factories import ITEMS, approved_copies, assert_refused, listed, statuses

from disclose.audit.models import AuditEvent
from disclose.casework import selectors, services
from disclose.casework.deadlines import deadlines_for
from disclose.casework.models import Dispatch, HardCopyList, Request, StaffNotification
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def _withdrawn(office, request) -> Request:
    services.withdraw(actor=office.scimt, request=request, reason="The court case ended.")
    return Request.objects.get(pk=request.pk)


def test_a_list_awaiting_the_csms_decision_is_withdrawn_with_the_request(office):
    request = listed(office)
    assert list(selectors.hard_copies_to_decide(office.csm_t1))  # waiting on the CSM
    request = _withdrawn(office, request)

    (hard_copy_list,) = HardCopyList.objects.filter(request=request)
    assert hard_copy_list.state == "withdrawn"
    assert set(statuses(request).values()) == {"withdrawn"}
    assert not list(selectors.hard_copies_to_decide(office.csm_t1))
    assert not [d for d in deadlines_for(request) if d.open]
    # The CSM who was to decide is told, as a part's holder is.
    told = StaffNotification.objects.get(kind="hard_copies_withdrawn", staff=office.csm_t1)
    assert "The court case ended." in told.text
    note = CaseNote.objects.filter(person=hard_copy_list.subject.person).last().text
    assert "withdrew" in note and all(item["title"] in note for item in ITEMS)
    # The withdrawal's one audit event says which lists it withdrew.
    event = AuditEvent.objects.filter(event_type="withdraw").get()
    assert event.detail["hard_copies_withdrawn"] == [item["title"] for item in ITEMS]


def test_approved_copies_not_yet_sent_are_withdrawn_and_never_sent(office, mailoutbox):
    request = approved_copies(office)
    assert list(selectors.hard_copies_to_send())  # waiting on business support
    request = _withdrawn(office, request)

    assert set(statuses(request).values()) == {"withdrawn"}
    # The CSM's approval stands as it was given; only what was not sent is withdrawn.
    assert HardCopyList.objects.get(request=request).state == "approved"
    assert not list(selectors.hard_copies_to_send())
    assert not [d for d in deadlines_for(request) if d.open]
    told = StaffNotification.objects.get(kind="hard_copies_withdrawn", staff=office.bs)
    assert "do not approve, produce or send them" in told.text
    services.close(actor=office.scimt, request=request)
    assert_refused(
        "hard_copies_not_approved",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="cryptshare",
        transfer_reference="CS-1",
    )
    assert not Dispatch.objects.exists()


def test_a_withdrawn_list_cannot_be_approved_once_the_request_has_closed(office):
    request = _withdrawn(office, listed(office))
    services.close(actor=office.scimt, request=request)
    assert_refused(
        "no_hard_copies_waiting",
        services.decide_hard_copies,
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Fine.",
    )
    assert set(statuses(request).values()) == {"withdrawn"}


def test_copies_already_sent_or_refused_stay_as_they_were(office):
    request = approved_copies(office, items=[ITEMS[0]])
    services.dispatch_hard_copies(
        actor=office.bs, request=request, method="cryptshare", transfer_reference="CS-1"
    )
    services.request_hard_copies(actor=office.sw_t1, request=request, items=[ITEMS[1]])
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="refuse", reason="Not needed."
    )
    before = statuses(request)
    request = _withdrawn(office, request)
    assert (
        statuses(request)
        == before
        == {ITEMS[0]["title"]: "dispatched", ITEMS[1]["title"]: "refused"}
    )
    assert "hard_copies_withdrawn" not in AuditEvent.objects.get(event_type="withdraw").detail


def test_the_csms_page_shows_the_list_withdrawn_with_no_decision_to_take(office, client):
    request = _withdrawn(office, listed(office))
    client.force_login(office.csm_t1)
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert "Decide on hard copies" not in page
    assert "Withdrawn" in page and "waiting for" not in page.split("listed by", 1)[1][:300]
    titles = "; ".join(item["title"] for item in ITEMS)
    timeline = client.get(f"/requests/{request.reference}/timeline/").content.decode()
    assert f"Hard copies not to be sent: {titles}" in timeline
    home = client.get("/").content.decode()
    assert request.reference not in home  # nothing waits on the CSM in My work
