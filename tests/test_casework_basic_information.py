"""Matching subjects and sharing the basic facts (section 1)."""

import pytest
from casework_factories import (
    add_cp_plan,
    assert_refused,
    build_office,
    messages_of,
    part,
    receive,
    verified_and_matched,
)

from disclose.casework import services
from disclose.casework.models import Disclosure, Request


@pytest.fixture
def office(db):
    return build_office()


def test_matching_a_subject_records_the_person(office):
    person = office.closed_case()
    request = receive(office, person)
    services.match_subject(actor=office.scimt, request=request, subject=1, person=person)
    subject = part(request)
    assert (subject.person, subject.matched, subject.state) == (person, True, "matched")


def test_matching_to_no_one_records_the_subject_as_not_known(office):
    request = receive(office, None)
    services.match_subject(actor=office.scimt, request=request, subject=1, person=None)
    subject = part(request)
    assert subject.matched and subject.person is None and not subject.known


def test_matching_a_subject_that_is_not_on_the_request_is_refused(office):
    request = receive(office, None)
    assert_refused(
        "no_such_subject",
        services.match_subject,
        actor=office.scimt,
        request=request,
        subject=2,
        person=None,
    )


def test_the_basic_facts_of_a_closed_case_are_sent_and_logged(office):
    person = office.closed_case()
    add_cp_plan(person)
    request = verified_and_matched(office, person)
    services.share_basic_information(actor=office.scimt, request=request)
    assert Request.objects.get(pk=request.pk).state == "basic_information_shared"
    (message,) = messages_of(request)
    assert message.kind == "basic_information"
    assert "The case is closed. It was closed on 1 May 2016." in message.text
    assert "There is a child protection history." in message.text
    disclosure = Disclosure.objects.get()
    assert (disclosure.kind, disclosure.person, disclosure.disclosed_by) == (
        "basic_information",
        person,
        office.scimt,
    )
    assert disclosure.to_name == "DC Jane Doe" and disclosure.basis == "consent"
    assert "closed on 1 May 2016" in disclosure.what


def test_the_basic_facts_of_an_open_case_name_the_worker_and_team(office):
    request = verified_and_matched(office, office.open_case(worker=office.sw_t1))
    services.share_basic_information(actor=office.scimt, request=request)
    text = messages_of(request)[0].text
    assert f"The allocated worker is {office.sw_t1.display_name} in {office.t1.name}." in text


def test_a_subject_not_known_is_told_so_and_logged(office):
    request = verified_and_matched(office, None)
    services.share_basic_information(actor=office.scimt, request=request)
    (message,) = messages_of(request)
    assert message.kind == "not_known"
    assert "is not known to children's social care" in message.text
    assert Disclosure.objects.get().kind == "not_known"


def test_each_subject_of_a_family_request_gets_its_own_facts(office):
    known = office.closed_case()
    request = verified_and_matched(office, known, None)
    services.share_basic_information(actor=office.scimt, request=request)
    assert [m.kind for m in messages_of(request)] == ["basic_information", "not_known"]
    assert Disclosure.objects.count() == 2


def test_sharing_before_every_subject_is_matched_is_refused(office):
    request = receive(office, None, None)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    services.match_subject(actor=office.scimt, request=request, subject=1, person=None)
    refusal = assert_refused(
        "subject_not_matched",
        services.share_basic_information,
        actor=office.scimt,
        request=request,
    )
    assert "subject 2" in refusal.message


def test_basic_facts_without_consent_are_logged_on_the_procedure_basis(office):
    request = verified_and_matched(office, office.closed_case(), consent=False)
    services.share_basic_information(actor=office.scimt, request=request)
    assert Disclosure.objects.get().basis == "procedure_section_1"
