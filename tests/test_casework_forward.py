"""Forwarding each subject on its route (2.1, 2.1.1-2.1.3, 2.3)."""

import pytest
from casework_factories import (
    add_episode,
    add_holding,
    add_mash_contact,
    assert_refused,
    build_office,
    forwarded,
    make_person,
    messages_of,
    part,
    receive,
    verified_and_matched,
)

from disclose.casework import services
from disclose.casework.facts import build_world
from disclose.casework.models import Disclosure, Request, StaffNotification
from disclose.procedure.route_words import route_words
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def test_an_open_allocated_case_goes_to_the_worker_and_the_requestor_gets_their_details(office):
    person = office.open_case(worker=office.sw_t1)
    request = forwarded(office, person)
    subject = part(request)
    assert (subject.route, subject.paragraph) == ("open:allocated_worker", "2.1.1")
    assert (subject.assignee, subject.state) == (office.sw_t1, "allocated")
    assert Request.objects.get(pk=request.pk).state == "forwarded"
    (message,) = messages_of(request, "worker_details")
    assert office.sw_t1.display_name in message.text and "01909 000111" in message.text
    assert Disclosure.objects.filter(kind="worker_details", person=person).exists()
    note = CaseNote.objects.get(person=person)
    assert note.author == office.scimt and request.reference == note.request_reference
    assert (
        route_words("open:allocated_worker") in note.text
        and "Dates of any child protection" in note.text
    )
    assert StaffNotification.objects.get(staff=office.sw_t1).kind == "task_forwarded"


def test_an_open_unallocated_case_goes_to_the_team_manager(office):
    request = forwarded(office, office.open_case(worker=None))
    subject = part(request)
    assert (subject.route, subject.assignee, subject.state) == (
        "open:unallocated",
        office.tm_t1,
        "awaiting_allocation",
    )
    assert "allocate" in StaffNotification.objects.get(staff=office.tm_t1).text


def test_an_open_episode_outweighs_an_older_closed_one(office):
    person = office.closed_case()
    add_episode(person, office.t1, start=person.episodes.get().end, worker=office.sw_t1)
    assert part(forwarded(office, person)).route == "open:allocated_worker"


def test_a_closed_electronic_case_goes_to_the_csm_of_the_last_team(office):
    subject = part(forwarded(office, office.closed_case()))
    assert (subject.route, subject.paragraph) == ("closed_electronic:last_team_csm", "2.1.2")
    assert (subject.assignee, subject.team, subject.state) == (
        office.csm_t1,
        office.t1,
        "awaiting_decision",
    )


def test_a_closed_case_of_a_team_that_is_gone_goes_to_the_dcpt_csm(office):
    subject = part(forwarded(office, office.closed_case(office.t0)))
    assert subject.route == "closed_electronic:dcpt_csm"
    assert (subject.assignee, subject.team) == (office.csm_d, office.dcpt)


def test_a_closed_case_with_paper_files_takes_the_paper_route(office):
    subject = part(forwarded(office, office.closed_case(office.t0, paper=True)))
    assert (subject.route, subject.paragraph, subject.assignee) == (
        "closed_paper:dcpt_csm",
        "2.1.3",
        office.csm_d,
    )


def test_a_mash_enquiry_only_goes_to_the_mash_csm(office):
    person = make_person()
    add_mash_contact(person)
    subject = part(forwarded(office, person))
    assert (subject.route, subject.assignee) == ("closed_mash_only:mash_csm", office.csm_m)


def test_ofsted_is_given_the_workers_details_for_an_open_allocated_case(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1), requestor_agency="ofsted")
    subject = part(request)
    assert (subject.route, subject.state, subject.assignee) == (
        "ofsted:worker_details",
        "complete",
        None,
    )
    assert office.sw_t1.email in messages_of(request, "worker_details")[0].text


def test_ofsted_is_asked_to_contact_the_mash_for_a_closed_case(office):
    request = forwarded(office, office.closed_case(), requestor_agency="ofsted")
    assert part(request).route == "ofsted:contact_mash"
    (message,) = messages_of(request, "contact_mash")
    assert "MASH" in message.text
    assert Disclosure.objects.filter(kind="contact_mash").exists()


def test_a_subject_not_known_is_not_told_twice(office):
    request = forwarded(office, None)
    assert part(request).route == "not_known" and part(request).state == "complete"
    assert len(messages_of(request, "not_known")) == 1


def test_a_subject_not_known_is_told_at_forward_if_no_basic_facts_were_sent(office):
    request = verified_and_matched(office, None)
    services.forward(actor=office.scimt, request=request)
    assert len(messages_of(request, "not_known")) == 1


def test_each_subject_of_a_family_request_is_routed_and_owned_on_its_own(office):
    open_child = office.open_case(worker=office.sw_t1)
    closed_child = office.closed_case(office.t0, paper=True)
    request = forwarded(office, open_child, closed_child, None)
    routes = [(p.route, p.assignee) for p in Request.objects.get(pk=request.pk).subjects.all()]
    assert routes == [
        ("open:allocated_worker", office.sw_t1),
        ("closed_paper:dcpt_csm", office.csm_d),
        ("not_known", None),
    ]
    assert CaseNote.objects.filter(request_reference=request.reference).count() == 2


def test_forward_is_refused_when_no_route_has_anyone_to_hold_it(office):
    office.t1.csm = None
    office.t1.save()
    request = verified_and_matched(office, office.closed_case(), office.closed_case())
    refusal = assert_refused(
        "no_route_holder", services.forward, actor=office.scimt, request=request
    )
    # Nothing can go: each subject says why (2.1). One that can go does not wait
    # for the others (test_rules_forwarding.py).
    assert "Subject 1" in refusal.message and "Subject 2" in refusal.message
    assert office.t1.name in refusal.message


def test_a_team_whose_csm_has_left_has_no_route_holder(office):
    # T0's CSM is inactive; with the DCPT gone too, no one can decide.
    office.dcpt.active = False
    office.dcpt.save()
    request = verified_and_matched(office, office.closed_case(office.t0))
    assert_refused("no_route_holder", services.forward, actor=office.scimt, request=request)


def test_forward_before_identity_is_verified_is_refused(office):
    request = receive(office, None)
    assert_refused("identity_not_verified", services.forward, actor=office.scimt, request=request)


def test_forward_twice_is_refused(office):
    request = forwarded(office, office.closed_case())
    assert_refused("wrong_state", services.forward, actor=office.scimt, request=request)


def test_facts_for_routing_take_a_fixed_number_of_queries(office, django_assert_max_num_queries):
    people = [office.closed_case(paper=True) for _ in range(6)]
    for person in people:
        add_holding(person, "microfilm")
        add_mash_contact(person)
    with django_assert_max_num_queries(5):
        world = build_world(people)
    assert len(world.subjects) == 6
