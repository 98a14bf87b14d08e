"""Long lists come a page at a time (issue 11): My team's work and My work show
50 rows a page, say how many in all, link to the next page, and treat a page
number out of range as the nearest page rather than an error."""

import pytest
from casework_factories import build_office
from django.test import Client
from test_web_query_counts import add_requests

from disclose.casework import deadlines_stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    office = build_office()
    add_requests(office, 0, 180)  # 120 parts held by the worker, 60 by the team manager
    return office


def signed_in(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def rows(page: str) -> int:
    return page.split("<tbody", 1)[1].split("</tbody>", 1)[0].count("<tr")


def test_my_teams_work_is_paged(office):
    manager = signed_in(office.tm_t1)
    first = manager.get("/requests/team/").content.decode()
    assert rows(first) == 50 and "Showing 1 to 50 of 120." in first
    assert 'href="?page=2"' in first and "Page 2 of 3" in first
    last = manager.get("/requests/team/?page=3").content.decode()
    assert rows(last) == 20 and "Showing 101 to 120 of 120." in last and 'rel="next"' not in last
    assert "Showing 101 to 120" in manager.get("/requests/team/?page=99").content.decode()
    assert "Showing 1 to 50" in manager.get("/requests/team/?page=two").content.decode()


def test_my_work_pages_each_list_on_its_own_and_keeps_the_others_page(office):
    page = signed_in(office.sw_t1).get("/?page=3").content.decode()
    assert "Showing 101 to 120 of 120." in page
    manager = signed_in(office.tm_t1).get("/?page=2&team_page=3").content.decode()
    assert "Showing 51 to 60 of 60." in manager  # waiting on the manager: page 2
    assert "Showing 101 to 120 of 120." in manager  # the team's: page 3
    # "Previous" on the waiting list keeps the team list on its page 3.
    assert 'href="?team_page=3&amp;page=1#waiting"' in manager


def test_the_dashboards_overdue_list_is_paged_and_keeps_the_dates_asked_for(office):
    deadlines_stored.store_all()  # made in bulk: stored as the steps would have
    manager = signed_in(office.tm_t1)
    dates = "from_day=1&from_month=1&from_year=2026&to_day=1&to_month=12&to_year=2026"
    page = manager.get(f"/dashboard/?{dates}&overdue_page=2").content.decode()
    overdue = page.split('id="overdue-heading"', 1)[1].split("</section>", 1)[0]
    assert "Showing 51 to 100 of 360." in overdue and rows(overdue) == 50
    assert f'href="?{dates.replace("&", "&amp;")}&amp;overdue_page=3#overdue-heading"' in overdue


def test_my_works_first_pages_count_the_whole_of_each_list(office):
    """The first page reads its rows and the list's length together (a window
    count); the totals must still be the whole lists'."""
    page = signed_in(office.sw_t1).get("/").content.decode()
    assert "Showing 1 to 50 of 120." in page and rows(page) == 50
    first = page.split("<tbody", 1)[1].split("</tr>", 1)[0]
    reference = first.split('class="govuk-link" href="/requests/', 1)[1].split("/", 1)[0]
    assert f">{reference}</a>" in first  # each row links to its own request's page
    manager = signed_in(office.tm_t1).get("/").content.decode()
    assert "Showing 1 to 50 of 60." in manager  # waiting on the manager
    assert "Showing 1 to 50 of 120." in manager  # the team's
    nobody = signed_in(office.sw_d).get("/").content.decode()
    assert "Nothing is waiting for you." in nobody
