"""My work: what waits on me, my team's work, and business support's files,
oldest first, in a fixed number of queries."""

from datetime import date

import pytest
from casework_factories import add_holding, approved, build_office, forwarded, receive
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from disclose.casework import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def my_work(client, staff) -> str:
    client.force_login(staff)
    return client.get("/").content.decode()


def test_a_csm_sees_the_part_waiting_for_their_decision(client, office):
    person = office.closed_case(office.t0)
    case = forwarded(office, person)
    page = my_work(client, office.csm_d)
    assert case.reference in page
    assert escape(person.full_name) in page
    assert "Decide whether to share" in page


def test_the_scimt_sees_requests_at_intake_oldest_first(client, office):
    newer = receive(office, office.closed_case(), received=date(2026, 11, 20))
    older = receive(office, office.closed_case(), received=date(2026, 11, 2))
    page = my_work(client, office.scimt)
    assert page.index(older.reference) < page.index(newer.reference)
    assert "Check the requestor&#x27;s identity" in page
    assert "Log a new request" in page


def test_a_team_manager_sees_parts_held_by_their_team(client, office):
    case = approved(office, office.closed_case(office.t0), office.csm_d)
    services.allocate(actor=office.tm_d, request=case, worker=office.sw_d)
    page = my_work(client, office.tm_d)
    team = page[page.index("Your team's work") :]
    assert case.reference in team and escape(office.sw_d.display_name) in team


def test_business_support_see_the_files_to_fetch(client, office):
    person = office.closed_case(office.t0)
    holding = add_holding(person, "paper", reference="BOX-2001")
    case = approved(office, person, office.csm_d)
    services.allocate(actor=office.tm_d, request=case, worker=office.sw_d)
    services.verify_identity(
        actor=office.sw_d, request=case, method="call_back", outcome="verified"
    )
    services.request_paper_files(actor=office.sw_d, request=case, holding=holding)
    page = my_work(client, office.bs)
    files = page[page.index("Files to fetch and return") :]
    assert "BOX-2001" in files and "Fetch from storage" in files and case.reference in files


def test_someone_with_nothing_waiting_is_told_so(client, office):
    assert "Nothing is waiting for you." in my_work(client, office.sw_t1)


def test_my_work_reads_the_same_number_of_queries_however_many_requests(client, office):
    client.force_login(office.csm_d)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    forwarded(office, office.closed_case(office.t0))
    count()  # the first page also reads what heads every page (web/context.py)
    few = count()
    for _ in range(4):
        forwarded(office, office.closed_case(office.t0), office.closed_case(office.t0))
    assert count() == few


def test_hard_copies_wait_on_the_approving_csm_then_on_business_support(client, office):
    case = forwarded(office, office.closed_case(), requestor_agency="cafcass")
    services.decide(actor=office.csm_t1, request=case, decision="approve", reason="Specific.")
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=case, method="call_back", outcome="verified"
    )
    services.supply_information(actor=office.sw_t1, request=case, summary="Dates.")
    services.request_hard_copies(
        actor=office.sw_t1, request=case, items=[{"title": "Core assessment"}]
    )
    assert "Decide on hard copies" in my_work(client, office.csm_t1)
    assert "Produce and send" not in my_work(client, office.bs)
    services.decide_hard_copies(
        actor=office.csm_t1, request=case, decision="approve", reason="Court bundle."
    )
    assert "Decide on hard copies" not in my_work(client, office.csm_t1)
    files = my_work(client, office.bs)
    assert "Produce and send the approved hard copies" in files and case.reference in files


def test_my_work_shows_each_requests_due_date_and_what_is_overdue(client, office):
    # Received 1 October 2026: two working days to acknowledge had long passed.
    late = receive(office, office.closed_case(), received=date(2026, 10, 1))
    page = my_work(client, office.scimt)
    row = page[page.index(late.reference) :]
    row = row[: row.index("</tr>")]
    assert "5 Oct 2026" in row  # 2 working days after Thursday 1 October
    assert "Overdue" in row
    assert ">Due<" in page
