"""Supplying the information (2.1.1, 2.1.2.2, 2.1.3.4)."""

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
from disclose.casework.models import Disclosure, SuppliedInformation
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def allocated(office, person, **fields):
    request = approved(office, person, office.csm_t1, **fields)
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    return request


def reverify(office, request):
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="verified"
    )


def test_on_a_closed_case_the_worker_must_verify_the_requestor_again_before_supplying(office):
    request = allocated(office, office.closed_case())
    assert_refused(
        "identity_not_verified",
        services.supply_information,
        actor=office.sw_t1,
        request=request,
        summary="CP plan dates.",
    )


def test_supplying_sends_the_information_keeps_a_copy_logs_it_and_case_notes_it(office):
    person = office.closed_case()
    request = allocated(office, person)
    reverify(office, request)
    services.supply_information(
        actor=office.sw_t1,
        request=request,
        summary="CP plan from 2014 to 2015.",
        documents=["CP plan 2014", " "],
    )
    assert part(request).state == "supplied"
    (message,) = messages_of(request, "information_supplied")
    assert "CP plan from 2014 to 2015." in message.text and "- CP plan 2014" in message.text
    copy = SuppliedInformation.objects.get()
    assert (copy.person, copy.summary, copy.documents) == (
        person,
        "CP plan from 2014 to 2015.",
        ["CP plan 2014"],
    )
    disclosure = Disclosure.objects.get(kind="information_supplied")
    assert (disclosure.basis, disclosure.disclosed_by, disclosure.to_name) == (
        "consent",
        office.sw_t1,
        "DC Jane Doe",
    )
    note = CaseNote.objects.filter(person=person).last()
    assert note.author == office.sw_t1 and "A copy is kept on this record" in note.text


def test_the_current_worker_on_an_open_case_supplies_without_a_second_check(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    services.supply_information(actor=office.sw_t1, request=request, summary="Worker's view.")
    assert part(request).state == "supplied"


def test_supply_without_consent_is_logged_on_the_csms_lawful_basis(office):
    basis = {"schedule_2_exemption": "Sch 2 para 2 crime and taxation"}
    request = allocated(office, office.closed_case(), consent=False, lawful_basis=basis)
    reverify(office, request)
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.")
    disclosure = Disclosure.objects.get(kind="information_supplied")
    assert disclosure.basis == "lawful_basis"
    assert "Schedule 2 exemption: Sch 2 para 2" in disclosure.basis_detail["description"]
    assert "Schedule 2" in CaseNote.objects.last().text


def test_on_an_open_case_without_consent_the_worker_must_give_the_lawful_basis(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1), consent=False)
    assert_refused(
        "lawful_basis_required",
        services.supply_information,
        actor=office.sw_t1,
        request=request,
        summary="Dates.",
    )
    services.supply_information(
        actor=office.sw_t1,
        request=request,
        summary="Dates.",
        lawful_basis={"schedule_2_exemption": "Sch 2 para 2"},
    )
    assert part(request).lawful_basis == {"schedule_2_exemption": "Sch 2 para 2"}


def test_supplying_without_a_summary_is_refused(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    assert_refused(
        "summary_required",
        services.supply_information,
        actor=office.sw_t1,
        request=request,
        summary="",
    )


def test_only_the_allocated_worker_supplies(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    assert_refused(
        "not_assigned_to_you",
        services.supply_information,
        actor=office.sw_d,
        request=request,
        summary="Dates.",
    )


def test_a_worker_with_two_parts_can_supply_for_one_of_them(office):
    first, second = office.open_case(worker=office.sw_t1), office.open_case(worker=office.sw_t1)
    request = forwarded(office, first, second)
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.", subject=2)
    assert [part(request, n).state for n in (1, 2)] == ["allocated", "supplied"]
