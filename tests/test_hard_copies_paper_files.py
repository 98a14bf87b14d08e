"""Paper files and microfilm: every movement says who has them; business
support see what to fetch, what is out and what is overdue (issue 4, item 6);
a request cannot close while its files are out (2.1.3.5)."""

from datetime import timedelta

import pytest
from casework_factories import add_holding, approved, assert_refused, build_office
from django.utils import timezone

from disclose.audit.models import AuditEvent
from disclose.casework import selectors, services
from disclose.casework.models import FileMovement
from disclose.council.models import CouncilProfile


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def paper_case(office):
    """A closed case with paper files and microfilm, allocated to a DCPT worker."""
    person = office.closed_case(office.t0, paper=True)
    film = add_holding(person, "microfilm")
    request = approved(office, person, office.csm_d)
    services.allocate(actor=office.tm_d, request=request, worker=office.sw_d)
    services.verify_identity(  # 2.1.3.2 before the files are asked for (2.1.3.3)
        actor=office.sw_d, request=request, method="call_back", outcome="verified"
    )
    return request, person.holdings.get(kind="paper"), film


def test_a_retrieval_records_who_has_the_files_the_worker_unless_told_otherwise(office, paper_case):
    request, paper, film = paper_case
    services.request_paper_files(actor=office.sw_d, request=request, holding=paper)
    services.request_microfilm(actor=office.sw_d, request=request, holding=film)
    services.retrieve_files(actor=office.bs, request=request, holding=paper)
    services.retrieve_files(actor=office.bs, request=request, holding=film, with_whom=office.tm_d)
    retrieved = FileMovement.objects.filter(kind="retrieved").order_by("id")
    assert [m.with_whom for m in retrieved] == [office.sw_d, office.tm_d]
    event = AuditEvent.objects.filter(event_type="retrieve_files").last()
    assert event.detail["with_whom"] == "tm_d"


def test_business_support_see_files_to_fetch_then_files_out(office, paper_case):
    request, paper, film = paper_case
    services.request_paper_files(actor=office.sw_d, request=request, holding=paper)
    services.request_microfilm(actor=office.sw_d, request=request, holding=film)
    assert [m.holding for m in selectors.holdings_to_fetch()] == [paper, film]
    assert selectors.holdings_out() == []
    services.retrieve_files(actor=office.bs, request=request, holding=paper)
    assert [m.holding for m in selectors.holdings_to_fetch()] == [film]
    (out,) = selectors.holdings_out()
    assert (out.holding, out.with_whom, out.request) == (paper, office.sw_d, request)
    services.return_files(actor=office.bs, request=request, holding=paper)
    assert selectors.holdings_out() == []


def test_files_out_longer_than_the_councils_limit_are_overdue(office, paper_case):
    request, paper, _ = paper_case
    services.request_paper_files(actor=office.sw_d, request=request, holding=paper)
    services.retrieve_files(actor=office.bs, request=request, holding=paper)
    today = timezone.localdate()
    assert selectors.holdings_overdue(today) == []
    (late,) = selectors.holdings_overdue(today + timedelta(days=35))
    assert late.movement.holding == paper and late.working_days_out > 20
    profile = CouncilProfile.current()
    profile.time_limits = {**profile.time_limits, "files_return": 40}
    profile.save()
    assert selectors.holdings_overdue(today + timedelta(days=35)) == []


def test_a_request_cannot_close_while_its_files_are_out_and_closes_once_returned(
    office, paper_case
):
    request, paper, film = paper_case  # identity already checked again (2.1.3.2)
    services.request_paper_files(actor=office.sw_d, request=request, holding=paper)
    services.request_microfilm(actor=office.sw_d, request=request, holding=film)
    services.retrieve_files(actor=office.bs, request=request, holding=paper)
    services.supply_information(actor=office.sw_d, request=request, summary="Dates supplied.")
    refused = assert_refused(
        "files_not_returned", services.close, actor=office.sw_d, request=request
    )
    assert "2 file(s)" in refused.message
    services.return_files(actor=office.bs, request=request, holding=paper)
    services.return_files(actor=office.bs, request=request, holding=film)  # never fetched
    services.close(actor=office.sw_d, request=request)
    request.refresh_from_db()
    assert request.state == "closed"
