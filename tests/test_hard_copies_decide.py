"""Only the CSM who approved the sharing decides on hard copies (section 1,
note); if they have left, a CSM reassigns the decision with a reason."""

import pytest
from casework_factories import build_office, make_staff, messages_of
from hard_copy_factories import ITEMS, assert_refused, listed, statuses

from disclose.audit.models import AuditEvent
from disclose.casework import selectors, services
from disclose.casework.models import HardCopyList, StaffNotification
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def test_another_csm_is_refused_and_told_who_must_decide(office):
    request = listed(office)
    refused = assert_refused(
        "not_the_approving_csm",
        services.decide_hard_copies,
        actor=office.csm_d,
        request=request,
        decision="approve",
        reason="Fine.",
    )
    assert office.csm_t1.display_name in refused.message


def test_a_team_manager_cannot_approve_hard_copies(office):
    request = listed(office)
    assert_refused(
        "not_permitted_for_role",
        services.decide_hard_copies,
        actor=office.tm_t1,
        request=request,
        decision="approve",
        reason="Fine.",
    )


def test_the_approving_csm_approves_and_business_support_is_asked_to_send(office):
    request = listed(office)
    before = AuditEvent.objects.count()
    services.decide_hard_copies(
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Needed for care proceedings.",
        upload_to_documents=True,
    )
    hard_copy_list = HardCopyList.objects.get()
    assert hard_copy_list.state == "approved" and hard_copy_list.upload_to_documents
    assert hard_copy_list.decided_by == office.csm_t1
    assert set(statuses(request).values()) == {"approved"}
    assert AuditEvent.objects.count() == before + 1
    told = StaffNotification.objects.get(kind="hard_copies_approved")
    assert told.staff == office.bs
    assert "Do not send these until" in told.text and "Police report" in told.text
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "approved hard copies" in note.text and "Needed for care proceedings." in note.text
    assert [i.title for i in selectors.hard_copies_to_send()] == [i["title"] for i in ITEMS]


def test_a_refusal_is_sent_to_the_requestor_with_the_reason(office):
    request = listed(office)
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="refuse", reason="Too much at once."
    )
    assert set(statuses(request).values()) == {"refused"}
    (message,) = messages_of(request, "hard_copies_refused")
    assert "Too much at once." in message.text and "- Police report" in message.text
    assert not StaffNotification.objects.filter(kind="hard_copies_approved").exists()
    assert_refused(
        "hard_copies_not_approved",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="secure_email",
    )


def test_a_decision_needs_a_reason_and_a_known_answer(office):
    request = listed(office)
    kwargs = {"actor": office.csm_t1, "request": request}
    assert_refused(
        "reason_required", services.decide_hard_copies, decision="approve", reason=" ", **kwargs
    )
    assert_refused(
        "invalid_input", services.decide_hard_copies, decision="maybe", reason="x", **kwargs
    )


def test_a_list_is_decided_once(office):
    request = listed(office)
    services.decide_hard_copies(
        actor=office.csm_t1, request=request, decision="approve", reason="Fine."
    )
    assert_refused(
        "no_hard_copies_waiting",
        services.decide_hard_copies,
        actor=office.csm_t1,
        request=request,
        decision="refuse",
        reason="Changed my mind.",
    )


def test_when_the_approving_csm_has_left_another_csm_reassigns_with_a_reason(office):
    request = listed(office)
    office.csm_t1.is_active = False
    office.csm_t1.save()
    successor = make_staff("csm_new", "csm", team=office.t1)
    services.reassign_hard_copy_approval(
        actor=office.csm_d, request=request, to=successor, reason="Chris retired in October."
    )
    hard_copy_list = HardCopyList.objects.get()
    assert hard_copy_list.approver == successor and hard_copy_list.reassigned_by == office.csm_d
    assert hard_copy_list.reassign_reason == "Chris retired in October."
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "who has left" in note.text and "Chris retired in October." in note.text
    told = StaffNotification.objects.filter(kind="hard_copies_to_approve").last()
    assert told.staff == successor and "Chris retired in October." in told.text
    assert_refused(
        "not_the_approving_csm",
        services.decide_hard_copies,
        actor=office.csm_d,
        request=request,
        decision="approve",
        reason="Fine.",
    )
    services.decide_hard_copies(
        actor=successor, request=request, decision="approve", reason="Fine."
    )
    assert set(statuses(request).values()) == {"approved"}


def test_the_decision_cannot_be_taken_from_a_csm_still_in_post(office):
    request = listed(office)
    assert_refused(
        "approving_csm_in_post",
        services.reassign_hard_copy_approval,
        actor=office.csm_d,
        request=request,
        to=office.csm_d,
        reason="I am free this week.",
    )


def test_reassigning_needs_a_reason_and_a_csm(office):
    request = listed(office)
    office.csm_t1.is_active = False
    office.csm_t1.save()
    kwargs = {"actor": office.csm_d, "request": request}
    assert_refused(
        "reason_required",
        services.reassign_hard_copy_approval,
        to=office.csm_d,
        reason="",
        **kwargs,
    )
    assert_refused(
        "not_a_csm", services.reassign_hard_copy_approval, to=office.tm_t1, reason="Left.", **kwargs
    )
