"""The CSM's decision and passing (2.1.2, 2.1.2.1, 2.1.3.1) and allocation."""

import pytest
from casework_factories import (
    approved,
    assert_refused,
    build_office,
    forwarded,
    messages_of,
    part,
)

from disclose.casework import services
from disclose.casework.models import StaffNotification
from disclose.council.models import CouncilProfile
from disclose.council.profile import load_profile
from disclose.records.models import CaseNote

BASIS = {"article_6": "6(1)(e) public task", "article_9": "Sch 1 para 18 safeguarding"}


@pytest.fixture
def office(db):
    return build_office()


def test_a_csm_passes_a_part_to_the_right_csm_with_a_reason(office):
    person = office.closed_case()
    request = forwarded(office, person)
    services.pass_to_csm(
        actor=office.csm_t1, request=request, to=office.csm_d, reason="The DCPT holds this case."
    )
    assert part(request).assignee == office.csm_d
    assert "The DCPT holds this case." in CaseNote.objects.filter(person=person).last().text
    assert StaffNotification.objects.filter(staff=office.csm_d, kind="task_passed").exists()


def test_passing_to_someone_who_is_not_a_csm_is_refused(office):
    request = forwarded(office, office.closed_case())
    assert_refused(
        "not_a_csm",
        services.pass_to_csm,
        actor=office.csm_t1,
        request=request,
        to=office.tm_d,
        reason="Wrong team.",
    )


def test_passing_without_a_reason_is_refused(office):
    request = forwarded(office, office.closed_case())
    assert_refused(
        "reason_required",
        services.pass_to_csm,
        actor=office.csm_t1,
        request=request,
        to=office.csm_d,
        reason="  ",
    )


def test_a_csm_who_does_not_hold_the_part_cannot_pass_or_decide_it(office):
    request = forwarded(office, office.closed_case())
    assert_refused(
        "not_assigned_to_you",
        services.decide,
        actor=office.csm_d,
        request=request,
        decision="approve",
        reason="Fine.",
    )


def test_a_team_manager_cannot_decide(office):
    request = forwarded(office, office.closed_case())
    assert_refused(
        "not_permitted_for_role",
        services.decide,
        actor=office.tm_t1,
        request=request,
        decision="approve",
        reason="Fine.",
    )


def test_a_decline_is_case_noted_and_the_requestor_gets_the_standard_words_not_the_reason(
    office,
):
    person = office.closed_case()
    request = forwarded(office, person)
    internal = "Mother's new partner is under police investigation."
    services.decide(actor=office.csm_t1, request=request, decision="decline", reason=internal)
    subject = part(request)
    assert (subject.state, subject.decided_by) == ("declined", office.csm_t1)
    (message,) = messages_of(request, "decision_declined")
    assert internal not in message.text
    assert "police investigation" not in str(message.outgoing.payload)
    assert CouncilProfile.current().decline_message in message.text
    note = CaseNote.objects.filter(person=person).last().text
    assert "declined" in note and internal in note


def test_a_decline_sends_the_csms_message_to_the_requestor_and_keeps_the_reason_inside(office):
    person = office.closed_case()
    request = forwarded(office, person)
    services.decide(
        actor=office.csm_t1,
        request=request,
        decision="decline",
        reason="Sibling's address is in the records.",
        message_to_requestor="Please ask the family court for the order instead.",
    )
    (message,) = messages_of(request, "decision_declined")
    assert "Please ask the family court for the order instead." in message.text
    assert "Sibling" not in message.text
    assert CouncilProfile.current().decline_message not in message.text
    note = CaseNote.objects.filter(person=person).last().text
    assert "Sibling's address" in note and "Please ask the family court" in note


def test_another_council_changes_the_standard_decline_words_in_its_profile(office):
    load_profile({"decline_message": "We cannot help with this request."})
    request = forwarded(office, office.closed_case())
    services.decide(actor=office.csm_t1, request=request, decision="decline", reason="No.")
    (message,) = messages_of(request, "decision_declined")
    assert "We cannot help with this request." in message.text


def test_an_approval_goes_to_the_team_manager_of_the_last_team(office):
    person = office.closed_case()
    request = approved(office, person, office.csm_t1)
    subject = part(request)
    assert (subject.state, subject.assignee) == ("awaiting_allocation", office.tm_t1)
    note = CaseNote.objects.filter(person=person).last().text
    assert "approved" in note and "Proportionate." in note and "Consent" in note
    assert StaffNotification.objects.filter(staff=office.tm_t1, kind="task_approved").exists()


def test_an_approval_for_a_team_that_is_gone_goes_to_the_dcpt_team_manager(office):
    request = approved(office, office.closed_case(office.t0, paper=True), office.csm_d)
    assert part(request).assignee == office.tm_d


def test_approval_without_consent_needs_a_lawful_basis(office):
    request = forwarded(office, office.closed_case(), consent=False)
    assert_refused(
        "lawful_basis_required",
        services.decide,
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Safeguarding.",
    )
    services.decide(
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Safeguarding.",
        lawful_basis=BASIS,
    )
    assert part(request).lawful_basis == BASIS


def test_an_approval_with_no_team_manager_to_allocate_is_refused(office):
    office.t1.team_manager = None
    office.t1.save()
    request = forwarded(office, office.closed_case())
    assert_refused(
        "no_route_holder",
        services.decide,
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Fine.",
    )


def test_a_decision_other_than_approve_or_decline_is_refused(office):
    request = forwarded(office, office.closed_case())
    assert_refused(
        "invalid_input",
        services.decide,
        actor=office.csm_t1,
        request=request,
        decision="maybe",
        reason="Unsure.",
    )


def test_a_team_manager_allocates_to_a_social_worker(office):
    request = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    subject = part(request)
    assert (subject.state, subject.assignee, subject.worker) == (
        "allocated",
        office.sw_t1,
        office.sw_t1,
    )
    assert StaffNotification.objects.filter(staff=office.sw_t1, kind="task_allocated").exists()


def test_allocating_to_someone_who_is_not_a_social_worker_is_refused(office):
    request = approved(office, office.closed_case(), office.csm_t1)
    assert_refused(
        "not_a_social_worker",
        services.allocate,
        actor=office.tm_t1,
        request=request,
        worker=office.bs,
    )


def test_allocating_before_the_csm_has_approved_is_refused(office):
    request = forwarded(office, office.closed_case())
    # The team manager who will allocate does not hold the part until the CSM approves.
    assert_refused(
        "not_assigned_to_you",
        services.allocate,
        actor=office.tm_t1,
        request=request,
        worker=office.sw_t1,
    )


def test_a_declined_part_cannot_be_decided_again(office):
    request = forwarded(office, office.closed_case())
    services.decide(actor=office.csm_t1, request=request, decision="decline", reason="No.")
    assert_refused(
        "wrong_state",
        services.decide,
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Changed my mind.",
    )
