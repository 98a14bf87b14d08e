"""Requests (/requests/): the SCIMT, information governance and managers find
any request they may see, by reference, requestor, subject or agency; filter,
sort, page and export it; in the same number of queries however many exist."""

import csv
import io
import re
from datetime import date

import pytest
from casework_factories import approved, build_office, forwarded, receive
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import Request, RequestSubject
from disclose.casework.visibility import can_see, visible_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def search(client, staff, **fields) -> str:
    client.force_login(staff)
    response = client.post("/requests/", fields)
    assert response.status_code == 200
    return response.content.decode()


def test_the_scimt_finds_a_request_by_requestor_name(client, office):
    wanted = receive(office, office.closed_case(), requestor_name="Priya Kaur")
    other = receive(office, office.closed_case(), requestor_name="Tom Hale")
    page = search(client, office.scimt, text="priya kaur")
    assert wanted.reference in page and other.reference not in page


def test_the_scimt_finds_a_request_by_subject_name_as_given_or_matched(client, office):
    person = office.closed_case()
    wanted = receive(office, person)
    other = receive(office, office.closed_case())
    page = search(client, office.scimt, text=person.surname)
    assert wanted.reference in page and other.reference not in page


def test_a_request_is_found_by_reference_email_and_agency(client, office):
    wanted = receive(
        office,
        office.closed_case(),
        requestor_agency="cafcass",
        requestor_email="a.b@cafcass.example",
    )
    other = receive(office, office.closed_case())
    for text in (wanted.reference, "a.b@cafcass", "CAFCASS"):
        page = search(client, office.scimt, text=text)
        assert wanted.reference in page and other.reference not in page, text


def test_filters_narrow_by_stage_holder_team_and_dates(client, office):
    at_csm = forwarded(office, office.closed_case(office.t0), received=date(2026, 11, 2))
    new = receive(office, office.closed_case(), received=date(2026, 11, 20))
    page = search(client, office.scimt, state="forwarded")
    assert at_csm.reference in page and new.reference not in page
    page = search(client, office.scimt, holder=office.csm_d.pk)
    assert at_csm.reference in page and new.reference not in page
    page = search(client, office.scimt, team=office.dcpt.pk)
    assert at_csm.reference in page and new.reference not in page
    page = search(client, office.scimt, route="closed_electronic:dcpt_csm")
    assert at_csm.reference in page and new.reference not in page
    page = search(client, office.scimt, from_day="10", from_month="11", from_year="2026")
    assert new.reference in page and at_csm.reference not in page


def test_the_overdue_filter_keeps_only_requests_past_a_due_date(client, office):
    late = receive(office, office.closed_case(), received=date(2020, 10, 1))
    fresh = receive(office, office.closed_case())
    page = search(client, office.scimt, overdue="on")
    assert late.reference in page and fresh.reference not in page


def test_route_words_not_codes_are_shown(client, office):
    forwarded(office, office.closed_case(office.t0))
    text = re.sub(r"<[^>]+>", " ", search(client, office.scimt))  # what a reader sees
    assert "closed_electronic" not in text and "dcpt_csm" not in text
    page = search(client, office.scimt)
    assert "Closed case, electronic record: to the DCPT&#x27;s CSM" in page


def test_a_bad_date_says_what_to_fix_and_still_lists(client, office):
    receive(office, office.closed_case())
    page = search(client, office.scimt, from_day="31", from_month="2", from_year="2026")
    assert "The start date must be a real date" in page


def test_a_csm_sees_only_the_requests_they_may_see(client, office):
    theirs = forwarded(office, office.closed_case(office.t0))
    not_theirs = forwarded(office, office.closed_case())
    page = search(client, office.csm_d)
    assert theirs.reference in page and not_theirs.reference not in page


def test_a_social_worker_has_no_requests_list(client, office):
    client.force_login(office.sw_t1)
    assert client.get("/requests/").status_code == 404


def test_the_visible_queryset_agrees_with_can_see_for_everyone(office):
    cases = [
        receive(office, office.closed_case()),
        forwarded(office, office.closed_case(office.t0)),
        approved(office, office.closed_case(), office.csm_t1),
    ]
    services.allocate(actor=office.tm_t1, request=cases[2], worker=office.sw_t1)
    staff = [
        office.scimt,
        office.csm_t1,
        office.tm_t1,
        office.sw_t1,
        office.csm_d,
        office.tm_d,
        office.sw_d,
        office.csm_m,
        office.bs,
    ]
    for person in staff:
        visible = set(visible_requests(person).values_list("pk", flat=True))
        assert visible == {c.pk for c in cases if can_see(person, c)}, person.username


def test_an_empty_list_says_what_to_do(client, office):
    client.force_login(office.scimt)
    page = client.get("/requests/").content.decode()
    assert "There are no requests you can see yet." in page and "Log a new request" in page
    page = search(client, office.scimt, text="nobody")
    assert "No requests you can see match this search." in page


def test_the_list_pages_and_sorts(client, office):
    for day in range(1, 31):
        receive(office, None, received=date(2026, 11, day))
    page = search(client, office.scimt, sort="oldest")
    first_page = Request.objects.order_by("received", "id")[:25]
    assert all(r.reference in page for r in first_page)
    assert "Page 1 of 2" in page
    page = search(client, office.scimt, sort="oldest", page="2")
    assert Request.objects.order_by("received").last().reference in page
    assert first_page[0].reference not in page


def test_the_export_is_the_filtered_list_and_is_audited(client, office):
    wanted = receive(office, office.closed_case(), requestor_name="=HYPERLINK(1)")
    other = receive(office, office.closed_case(), requestor_name="Tom Hale")
    client.force_login(office.scimt)
    response = client.post("/requests/", {"text": wanted.reference, "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Reference" and len(rows) == 2
    assert rows[1][0] == wanted.reference and rows[1][2] == "'=HYPERLINK(1)"
    assert other.reference not in response.content.decode()
    event = AuditEvent.objects.filter(event_type="export_downloaded").last()
    assert event.actor == office.scimt and event.detail["rows"] == 1
    assert event.detail["export"] == "requests-list"


def _many(office, n: int) -> None:
    """n requests, made in bulk (the steps are tested elsewhere)."""
    start = Request.objects.count()
    Request.objects.bulk_create(
        Request(
            reference=f"AR-2025-{start + i:06d}",
            channel="email",
            requestor_name=f"Requestor {i}",
            requestor_agency="police",
            consent=True,
            details="Dates.",
            owner=office.scimt,
        )
        for i in range(n)
    )
    RequestSubject.objects.bulk_create(
        RequestSubject(request=r, number=1, forename="Sam", surname=f"Subject{r.pk}")
        for r in Request.objects.filter(subjects__isnull=True)
    )


@pytest.mark.parametrize("who", ["scimt", "csm_d"])
def test_the_list_reads_the_same_number_of_queries_with_100_and_10000_requests(client, office, who):
    staff = getattr(office, who)
    client.force_login(staff)
    forwarded(office, office.closed_case(office.t0))

    def count(**fields) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.post("/requests/", fields).status_code == 200
        return len(queries)

    _many(office, 100)
    count()  # once first: what a process caches on its first page (after another test) is not counted
    few = (count(), count(text="Subject"), count(state="forwarded", sort="requestor"))
    _many(office, 9_900)
    assert (count(), count(text="Subject"), count(state="forwarded", sort="requestor")) == few
    if who == "scimt":
        assert "10001 requests" in search(client, staff)
