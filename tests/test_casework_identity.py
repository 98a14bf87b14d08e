"""Checking the requestor's identity (section 1; again by the worker, 2.1.2.2, 2.1.3.2)."""

import pytest
from casework_factories import (
    approved,
    assert_refused,
    build_office,
    messages_of,
    part,
    receive,
    verified_and_matched,
)

from disclose.casework import services
from disclose.casework.deadlines import deadlines_for
from disclose.casework.models import Disclosure, IdentityCheck, Request
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def test_a_verified_requestor_moves_the_request_on(office):
    request = receive(office, None)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    assert Request.objects.get(pk=request.pk).state == "identity_verified"
    check = IdentityCheck.objects.get()
    assert (check.checked_by, check.subject, check.outcome) == (office.scimt, None, "verified")


def test_a_requestor_who_fails_the_check_is_told_and_nothing_is_shared(office):
    person = office.closed_case()
    request = receive(office, person)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="failed"
    )
    services.match_subject(actor=office.scimt, request=request, subject=1, person=person)
    assert Request.objects.get(pk=request.pk).state == "identity_not_verified"
    (message,) = messages_of(request)
    assert message.kind == "identity_not_verified"
    assert "cannot share any information" in message.text
    assert_refused(
        "identity_not_verified",
        services.share_basic_information,
        actor=office.scimt,
        request=request,
    )
    assert_refused("identity_not_verified", services.forward, actor=office.scimt, request=request)
    assert not Disclosure.objects.exists()


def test_a_requestor_can_be_verified_after_a_failed_check(office):
    request = receive(office, None)
    for outcome in ("failed", "verified"):
        services.verify_identity(
            actor=office.scimt, request=request, method="call_back", outcome=outcome
        )
    assert Request.objects.get(pk=request.pk).state == "identity_verified"


def test_a_verified_request_cannot_be_verified_again_by_the_officer(office):
    request = verified_and_matched(office, None)
    assert_refused(
        "wrong_state",
        services.verify_identity,
        actor=office.scimt,
        request=request,
        method="call_back",
        outcome="verified",
    )


def test_a_social_worker_cannot_do_the_officers_check(office):
    request = receive(office, None)
    assert_refused(
        "not_permitted_for_role",
        services.verify_identity,
        actor=office.sw_t1,
        request=request,
        method="call_back",
        outcome="verified",
    )


def test_an_unknown_method_is_refused(office):
    request = receive(office, None)
    assert_refused(
        "invalid_input",
        services.verify_identity,
        actor=office.scimt,
        request=request,
        method="gut_feeling",
        outcome="verified",
    )


def test_the_allocated_worker_reverifies_for_their_part(office):
    request = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=request, method="secure_email", outcome="verified"
    )
    subject = part(request)
    assert subject.state == "identity_reverified"
    assert subject.identity_reverified_by == office.sw_t1
    assert IdentityCheck.objects.filter(subject=subject, outcome="verified").exists()


def test_a_failed_reverification_ends_the_part_tells_the_requestor_and_case_notes_it(office):
    person = office.closed_case()
    request = approved(office, person, office.csm_t1)
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="failed"
    )
    ended = part(request)
    assert (ended.state, ended.ended_because, ended.assignee) == (
        "ended",
        "identity_not_verified",
        office.sw_t1,
    )
    (message,) = messages_of(request, "identity_not_verified")
    assert "stopped work on this part of your request" in message.text
    note = CaseNote.objects.filter(person=person).last().text
    assert "could not verify the identity" in note and "has ended" in note
    assert not messages_of(request, "information_supplied")
    # Every part has ended: the worker may close the request, no longer stuck.
    services.close(actor=office.sw_t1, request=request)
    assert Request.objects.get(pk=request.pk).state == "closed"
    # The part waits on nobody: no time limit stays open for it.
    assert not [d for d in deadlines_for(request) if d.open and d.subject == 1]


def test_a_worker_cannot_reverify_a_part_they_do_not_hold(office):
    request = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    assert_refused(
        "not_assigned_to_you",
        services.verify_identity,
        actor=office.sw_d,
        request=request,
        method="call_back",
        outcome="verified",
        subject=1,
    )
