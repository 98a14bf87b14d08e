"""What waits on whom, read from the parts' assignees and states."""

import pytest
from casework_factories import build_office, forwarded, receive

from disclose.casework import selectors, services


@pytest.fixture
def office(db):
    return build_office()


def test_a_forwarded_part_waits_on_its_holder_until_it_is_done(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    assert [p.request_id for p in selectors.parts_waiting_on(office.sw_t1)] == [request.pk]
    assert not selectors.parts_waiting_on(office.csm_t1).exists()
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.")
    assert not selectors.parts_waiting_on(office.sw_t1).exists()
    assert list(selectors.requests_ready_to_close(office.sw_t1)) == [
        request.__class__.objects.get(pk=request.pk)
    ]


def test_requests_not_yet_forwarded_wait_on_the_scimt(office):
    waiting = receive(office, None)
    forwarded(office, None)
    assert list(selectors.requests_at_intake()) == [waiting]


def test_files_asked_for_wait_on_business_support_until_returned(office):
    person = office.closed_case(office.t0, paper=True)
    holding = person.holdings.get()
    request = forwarded(office, person)
    services.decide(actor=office.csm_d, request=request, decision="approve", reason="Fine.")
    services.allocate(actor=office.tm_d, request=request, worker=office.sw_d)
    services.verify_identity(  # 2.1.3.2 before the files are asked for (2.1.3.3)
        actor=office.sw_d, request=request, method="call_back", outcome="verified"
    )
    services.request_paper_files(actor=office.sw_d, request=request, holding=holding)
    services.retrieve_files(actor=office.bs, request=request, holding=holding)
    (waiting,) = selectors.holdings_waiting()
    assert (waiting.holding, waiting.kind) == (holding, "retrieved")
    services.return_files(actor=office.bs, request=request, holding=holding)
    assert selectors.holdings_waiting() == []
