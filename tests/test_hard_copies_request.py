"""The worker lists the hard copies asked for; the list goes to the right CSM,
or, from the police, to Legal Services (2.2, section 1 note)."""

from datetime import date

import pytest
from casework_factories import build_office, forwarded, make_staff, messages_of, part
from hard_copy_factories import ITEMS, assert_refused, statuses, supplied

from disclose.audit.models import AuditEvent
from disclose.casework import selectors, services
from disclose.casework.models import HardCopyList, StaffNotification
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def test_hard_copies_are_refused_before_the_information_is_shared(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1), requestor_agency="health")
    refused = assert_refused(
        "information_not_yet_shared",
        services.request_hard_copies,
        actor=office.sw_t1,
        request=request,
        items=ITEMS,
    )
    assert "supplied" in refused.message


def test_the_list_goes_to_the_csm_who_approved_the_sharing(office):
    request = supplied(office)
    before = AuditEvent.objects.count()
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS)
    hard_copy_list = HardCopyList.objects.get()
    assert hard_copy_list.approver == office.csm_t1 == part(request).decided_by
    assert hard_copy_list.state == "awaiting_approval"
    assert statuses(request) == {i["title"]: "awaiting_approval" for i in ITEMS}
    items = {i.title: i for i in hard_copy_list.items.all()}
    assert items["Child protection plan"].date == date(2014, 2, 1)
    assert items["Police report"].third_party and items["Police report"].source
    assert AuditEvent.objects.count() == before + 1
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "approve hard copies" in note.text and "Police report (third-party" in note.text
    told = StaffNotification.objects.filter(kind="hard_copies_to_approve").get()
    assert told.staff == office.csm_t1 and "Police report" in told.text
    assert list(selectors.hard_copies_to_decide(office.csm_t1)) == [hard_copy_list]
    assert list(selectors.hard_copies_to_decide(office.csm_d)) == []


def test_on_an_open_case_the_csm_of_the_team_holding_it_approves(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1), requestor_agency="health")
    services.supply_information(actor=office.sw_t1, request=request, summary="Worker's view.")
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS[:1])
    hard_copy_list = HardCopyList.objects.get()
    assert hard_copy_list.approver == office.csm_t1
    assert "2.1.1" in hard_copy_list.approver_rationale


def test_another_worker_cannot_ask_for_hard_copies_on_someone_elses_part(office):
    request = supplied(office)
    other = make_staff("sw_other", "social_worker", team=office.t1)
    assert_refused(
        "not_assigned_to_you",
        services.request_hard_copies,
        actor=other,
        request=request,
        items=ITEMS,
    )


def test_a_third_party_item_must_say_whose_it_is(office):
    request = supplied(office)
    refused = assert_refused(
        "invalid_input",
        services.request_hard_copies,
        actor=office.sw_t1,
        request=request,
        items=[{"title": "Health visitor notes", "third_party": True}],
    )
    assert "which agency" in refused.message


def test_an_empty_list_is_refused(office):
    request = supplied(office)
    assert_refused(
        "items_required",
        services.request_hard_copies,
        actor=office.sw_t1,
        request=request,
        items=[],
    )


def test_police_are_told_to_contact_legal_services_and_the_copies_go_no_further(office):
    legal = make_staff("legal1", "legal_services")
    request = supplied(office, requestor_agency="police")
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS)
    hard_copy_list = HardCopyList.objects.get()
    assert hard_copy_list.state == "redirected_to_legal_services"
    assert hard_copy_list.approver is None
    assert set(statuses(request).values()) == {"redirected_to_legal_services"}
    (message,) = messages_of(request, "contact_legal_services")
    assert "Annex C" in message.text and "Legal Services" in message.text
    assert not StaffNotification.objects.filter(staff=office.csm_t1, kind__startswith="hard")
    assert StaffNotification.objects.get(kind="hard_copies_police").staff == legal
    assert list(selectors.hard_copies_for_legal_services()) == [hard_copy_list]
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "Nothing has been copied or sent" in note.text
    assert_refused(
        "hard_copies_not_approved",
        services.dispatch_hard_copies,
        actor=office.bs,
        request=request,
        method="secure_email",
    )
    assert_refused(
        "no_hard_copies_waiting",
        services.decide_hard_copies,
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Court.",
    )


def test_the_annex_named_in_the_council_profile_is_the_one_the_police_are_told(office):
    from disclose.council.models import CouncilProfile

    profile = CouncilProfile.current()
    profile.police_protocol_annex = "Annex F"
    profile.legal_services_email = "legal@council.example"
    profile.save()
    request = supplied(office, requestor_agency="police")
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS[:1])
    (message,) = messages_of(request, "contact_legal_services")
    assert "Annex F" in message.text and "legal@council.example" in message.text


def test_a_list_whose_approving_csm_has_left_waits_for_reassignment(office):
    request = supplied(office)
    office.csm_t1.is_active = False
    office.csm_t1.save()
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS[:1])
    hard_copy_list = HardCopyList.objects.get()
    assert hard_copy_list.approver == office.csm_t1
    assert list(selectors.hard_copy_approvals_to_reassign()) == [hard_copy_list]
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "has left" in note.text


def test_on_a_request_about_two_people_the_worker_says_which_one_the_copies_are_for(office):
    first, second = office.open_case(worker=office.sw_t1), office.open_case(worker=office.sw_t1)
    request = forwarded(office, first, second, requestor_agency="health")
    services.supply_information(actor=office.sw_t1, request=request, summary="Both supplied.")
    assert_refused(
        "subject_required",
        services.request_hard_copies,
        actor=office.sw_t1,
        request=request,
        items=ITEMS[:1],
    )
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS[:1], subject=2)
    assert HardCopyList.objects.get().subject == part(request, 2)
