"""Issue 12, item 7: forwarding read again against the procedure (section 1, 2.1, 2.3)."""

import pytest
from casework_factories import (
    assert_refused,
    build_office,
    make_team,
    messages_of,
    part,
    verified_and_matched,
)

from disclose.casework import services
from disclose.casework.models import Disclosure, Request
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def _team_without_csm(office):
    return make_team("T9", name="Bassetlaw Children's Team 9", locality=office.locality)


def test_one_child_whose_csm_is_not_recorded_does_not_hold_back_the_others(office):
    """2.1: each subject goes on its own route; the blocked one waits, saying why."""
    team = _team_without_csm(office)
    request = verified_and_matched(
        office, office.open_case(worker=office.sw_t1), office.closed_case(team)
    )
    services.forward(actor=office.scimt, request=request)
    assert Request.objects.get(pk=request.pk).state == "forwarded"
    assert (part(request, 1).state, part(request, 1).assignee) == ("allocated", office.sw_t1)
    waiting = part(request, 2)
    assert (waiting.state, waiting.assignee, waiting.route) == ("matched", None, "")
    assert "No CSM is recorded for Bassetlaw Children's Team 9" in waiting.rationale
    assert "forward the request again" in waiting.rationale
    refusal = assert_refused(
        "no_route_holder", services.forward, actor=office.scimt, request=request
    )
    assert "Subject 2" in refusal.message and "Ask an administrator" in refusal.message
    assert_refused("parts_outstanding", services.close, actor=office.scimt, request=request)


def test_the_waiting_child_is_forwarded_once_the_record_is_put_right(office):
    team = _team_without_csm(office)
    request = verified_and_matched(
        office, office.open_case(worker=office.sw_t1), office.closed_case(team)
    )
    services.forward(actor=office.scimt, request=request)
    team.csm = office.csm_t1
    team.save()
    services.forward(actor=office.scimt, request=request)
    forwarded = part(request, 2)
    assert (forwarded.route, forwarded.state, forwarded.assignee) == (
        "closed_electronic:last_team_csm",
        "awaiting_decision",
        office.csm_t1,
    )
    assert part(request, 1).state == "allocated"  # the first child is not forwarded twice
    assert len(messages_of(request, "worker_details")) == 1
    assert_refused("wrong_state", services.forward, actor=office.scimt, request=request)


def test_forward_without_basic_facts_shares_them_first_in_one_message(office):
    """Section 1 then 2.1: the basic facts come before forwarding."""
    first, second = office.closed_case(), office.closed_case()
    request = verified_and_matched(office, first, second)
    services.forward(actor=office.scimt, request=request)
    (message,) = messages_of(request, "basic_information")
    assert first.full_name in message.text and second.full_name in message.text
    assert "The case is closed." in message.text
    assert Disclosure.objects.filter(request=request, kind="basic_information").count() == 2
    note = CaseNote.objects.get(person=first)
    assert "basic information was shared with the requestor first" in note.text


def test_forward_may_skip_the_basic_facts_with_a_reason_that_is_recorded(office):
    person = office.closed_case()
    request = verified_and_matched(office, person)
    services.forward(
        actor=office.scimt,
        request=request,
        basic_information_skipped="Told on the phone already.",
    )
    assert messages_of(request, "basic_information") == []
    note = CaseNote.objects.get(person=person)
    assert "not shared first, because: Told on the phone already." in note.text


def test_ofsted_is_not_told_the_request_is_passed_on_and_then_to_contact_the_mash(office):
    """2.3: every message Ofsted gets says the same next step."""
    person = office.closed_case()
    request = verified_and_matched(office, person, requestor_agency="ofsted")
    services.share_basic_information(actor=office.scimt, request=request)
    services.forward(actor=office.scimt, request=request)
    texts = " ".join(m.text for m in messages_of(request))
    assert "pass your request" not in texts
    (basic,) = messages_of(request, "basic_information")
    assert "contact the MASH" in basic.text
    assert messages_of(request, "contact_mash")


def test_each_route_says_what_happens_next_in_the_basic_facts(office):
    request = verified_and_matched(office, office.open_case(worker=office.sw_t1))
    services.share_basic_information(actor=office.scimt, request=request)
    (basic,) = messages_of(request, "basic_information")
    assert "pass your request to the social worker dealing with the case" in basic.text
    services.forward(actor=office.scimt, request=request)
    (details,) = messages_of(request, "worker_details")
    assert "will deal with your request" in details.text


def test_sharing_basic_facts_then_closing_leaves_a_case_note(office):
    """Section 1: what the SCIMT told the requestor is on the person's record."""
    person = office.closed_case()
    request = verified_and_matched(office, person)
    services.share_basic_information(actor=office.scimt, request=request)
    services.close(actor=office.scimt, request=request, reason="The basic facts were enough.")
    (note,) = CaseNote.objects.filter(person=person)
    assert note.author == office.scimt and note.request_reference == request.reference
    assert "without forwarding it" in note.text and "The case is closed." in note.text
    assert "The basic facts were enough." in note.text


def test_ofsted_about_an_open_case_with_no_worker_gets_the_teams_details_and_no_supply(office):
    """2.3: Ofsted are given contact details; nobody is asked to supply anything."""
    office.tm_t1.phone = "01909 000222"
    office.tm_t1.save()
    person = office.open_case(worker=None)
    request = verified_and_matched(office, person, requestor_agency="ofsted")
    services.forward(actor=office.scimt, request=request)
    subject = part(request)
    assert (subject.route, subject.paragraph, subject.state, subject.assignee) == (
        "ofsted:team_details",
        "2.3",
        "complete",
        None,
    )
    (message,) = messages_of(request, "team_details")
    assert office.t1.name in message.text and "01909 000222" in message.text
    services.close(actor=office.scimt, request=request)
    assert Request.objects.get(pk=request.pk).state == "closed"


def test_a_request_about_several_children_sends_one_message_per_step(office):
    """Not one per child: two open cases get one message with both workers."""
    first = office.open_case(worker=office.sw_t1)
    second = office.open_case(worker=office.sw_d)
    request = verified_and_matched(office, first, second)
    services.share_basic_information(actor=office.scimt, request=request)
    services.forward(actor=office.scimt, request=request)
    assert [m.kind for m in messages_of(request)] == ["basic_information", "worker_details"]
    (details,) = messages_of(request, "worker_details")
    assert office.sw_t1.display_name in details.text and office.sw_d.display_name in details.text


def test_a_csm_who_declines_two_children_in_one_step_sends_one_message(office):
    """Two closed cases with the same CSM, declined together: one message naming both."""
    first, second = office.closed_case(office.t1), office.closed_case(office.t1)
    request = verified_and_matched(office, first, second)
    services.share_basic_information(actor=office.scimt, request=request)
    services.forward(actor=office.scimt, request=request)
    services.decide(actor=office.csm_t1, request=request, decision="decline", reason="Not needed.")
    (declined,) = messages_of(request, "decision_declined")
    assert first.full_name in declined.text and second.full_name in declined.text
    assert "Not needed." not in declined.text  # the CSM's own reason is never sent
