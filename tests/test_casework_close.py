"""Closing a request: by whoever holds it, when every part is done and its files
are back (2.1, 2.1.3.5; issue 3 item 4)."""

import pytest
from casework_factories import (
    approved,
    assert_refused,
    build_office,
    forwarded,
    receive,
)

from disclose.casework import services
from disclose.casework.models import Request


@pytest.fixture
def office(db):
    return build_office()


def state(request):
    return Request.objects.get(pk=request.pk).state


def test_the_worker_closes_a_request_once_the_information_is_supplied(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.")
    services.close(actor=office.sw_t1, request=request, reason="Answered.")
    closed = Request.objects.get(pk=request.pk)
    assert (closed.state, closed.close_reason) == ("closed", "Answered.")
    assert closed.closed_at is not None


def test_a_request_with_a_part_in_progress_cannot_close(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1), None)
    assert_refused("parts_outstanding", services.close, actor=office.scimt, request=request)


def test_a_family_request_closes_only_when_every_part_is_done(office):
    first, second = office.open_case(worker=office.sw_t1), office.closed_case()
    request = forwarded(office, first, second)
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.")
    assert_refused("parts_outstanding", services.close, actor=office.sw_t1, request=request)
    services.decide(actor=office.csm_t1, request=request, decision="decline", reason="No.")
    services.close(actor=office.csm_t1, request=request)
    assert state(request) == "closed"


def test_a_request_cannot_close_while_its_files_are_out_of_storage(office):
    person = office.closed_case(office.t0, paper=True)
    holding = person.holdings.get()
    request = approved(office, person, office.csm_d)
    services.allocate(actor=office.tm_d, request=request, worker=office.sw_d)
    services.verify_identity(
        actor=office.sw_d, request=request, method="call_back", outcome="verified"
    )
    services.request_paper_files(actor=office.sw_d, request=request, holding=holding)
    services.retrieve_files(actor=office.bs, request=request, holding=holding)
    services.supply_information(actor=office.sw_d, request=request, summary="Dates.")
    assert_refused("files_not_returned", services.close, actor=office.sw_d, request=request)
    services.return_files(actor=office.bs, request=request, holding=holding)
    services.close(actor=office.sw_d, request=request)
    assert state(request) == "closed"


def test_someone_who_holds_no_part_cannot_close(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.")
    assert_refused("not_assigned_to_you", services.close, actor=office.sw_d, request=request)


def test_business_support_cannot_close(office):
    request = forwarded(office, None)
    assert_refused("not_permitted_for_role", services.close, actor=office.bs, request=request)


def test_the_scimt_can_close_a_request_whose_requestor_was_not_verified(office):
    request = receive(office, None)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="failed"
    )
    services.close(actor=office.scimt, request=request, reason="Requestor did not call back.")
    assert state(request) == "closed"


def test_a_closed_request_cannot_be_closed_again(office):
    request = forwarded(office, None)
    services.close(actor=office.scimt, request=request)
    assert_refused("wrong_state", services.close, actor=office.scimt, request=request)
