"""The managers' dashboard: charts readable without colour, each followed by its
table; time per stage against its limit; overdue; files out (issue 7, item 4).
Each person's figures are counted at most once a minute, and the page says when
(issue 11)."""

import re
import time
from datetime import date

import pytest
from casework_factories import build_office, forwarded, make_staff, receive

from disclose.casework import services


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def busy(office):
    """Three requests: one overdue at intake, an open case supplied, a closed
    case with its paper file out of storage."""
    receive(office, None, received=date(2026, 11, 2), requestor_agency="cafcass")
    open_case = forwarded(office, office.open_case(worker=office.sw_t1))
    services.supply_information(actor=office.sw_t1, request=open_case, summary="Dates.")
    closed = forwarded(office, office.closed_case(paper=True))
    services.decide(actor=office.csm_t1, request=closed, decision="approve", reason="Fine.")
    services.allocate(actor=office.tm_t1, request=closed, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=closed, method="call_back", outcome="verified"
    )
    holding = closed.subjects.get().person.holdings.get()
    services.request_paper_files(actor=office.sw_t1, request=closed, holding=holding)
    services.retrieve_files(actor=office.bs, request=closed, holding=holding)
    return office


def council_wide(office):
    """Information governance see the whole council's figures; managers see
    their own work only (issue 15, item 7: tests/test_visibility_narrowed.py)."""
    return make_staff("ig_dashboard", "information_governance")


def page_for(client, who, query=""):
    client.force_login(who)
    return client.get(f"/dashboard/{query}")


def test_the_dashboard_shows_each_chart_as_an_image_with_its_table_after_it(busy, client):
    html = page_for(client, busy.tm_t1).content.decode()
    charts = re.findall(r'<svg class="disclose-chart"[^>]*>', html)
    assert len(charts) == 5
    for svg in charts:
        assert 'role="img"' in svg and "aria-labelledby" in svg
    # Each chart has a title and description, and a table comes straight after it.
    for chart_id in ("chart-agency", "chart-route", "chart-stage", "chart-outcome", "chart-times"):
        assert f'<title id="{chart_id}-title">' in html and f'<desc id="{chart_id}-desc">' in html
        after = html.split(f'id="{chart_id}-desc"', 1)[1].split("</svg>", 1)[1]
        assert after.lstrip().startswith('<table class="govuk-table">')
    # Patterns and words, not colour alone: every bar is outlined and labelled.
    assert 'fill="url(#chart-agency-hatch)"' in html and 'stroke="#0b0c0c"' in html
    assert ">Average taken:" in html and ">Limit: 20 working days<" in html


def test_the_dashboard_counts_requests_by_agency_route_stage_and_outcome(busy, client):
    html = page_for(client, council_wide(busy)).content.decode()
    assert "Requests received from" in html and "<strong>3</strong>" in html
    assert re.search(r"CAFCASS</th><td[^>]*>1</td>", html)
    assert re.search(r"Police</th><td[^>]*>2</td>", html)
    assert "Open case: to the allocated worker (2.1.1)" in html
    assert re.search(r"Information supplied</th><td[^>]*>1</td>", html)


def test_the_dashboard_lists_what_is_overdue_and_files_out_of_storage(busy, client):
    html = page_for(client, council_wide(busy)).content.decode()
    overdue = html.split('id="overdue-heading"', 1)[1].split("</section>", 1)[0]
    assert "Acknowledge the request" in overdue and busy.scimt.display_name in overdue
    files = html.split('id="files-heading"', 1)[1].split("</section>", 1)[0]
    assert "Out of storage" in files and "BOX-" in files


def test_the_date_range_leaves_out_requests_received_outside_it(busy, client):
    query = "?from_day=1&from_month=11&from_year=2026&to_day=3&to_month=11&to_year=2026"
    html = page_for(client, council_wide(busy), query).content.decode()
    assert "<strong>1</strong>" in html


def test_a_wrong_date_is_explained_and_the_default_range_shown(busy, client):
    response = page_for(client, busy.tm_t1, "?from_day=31&from_month=2&from_year=2026")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "must be a real date" in html


def test_only_managers_and_auditors_see_the_dashboard(office, client):
    assert page_for(client, office.sw_t1).status_code == 404
    assert page_for(client, office.scimt).status_code == 404
    auditor = make_staff("ig1", "information_governance")
    assert page_for(client, auditor).status_code == 200
    client.logout()
    assert client.get("/dashboard/").status_code == 302


def total_on(html: str) -> str:
    return re.search(r"Requests received from [^<]*<strong>(\d+)</strong>", html)[1]


def test_the_figures_are_kept_a_minute_and_the_page_says_when_they_were_counted(
    busy, client, monkeypatch
):
    auditor = council_wide(busy)
    first = page_for(client, auditor).content.decode()
    assert total_on(first) == "3"
    assert re.search(r"These figures were counted at \d\d:\d\d\.", first)
    receive(busy, None, received=date(2026, 11, 20))
    # Within the minute: the same figures, counted at the same time.
    again = page_for(client, auditor).content.decode()
    assert total_on(again) == "3"
    # A minute on, the next visit counts them again.
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert total_on(page_for(client, auditor).content.decode()) == "4"


def test_no_one_is_shown_figures_counted_for_someone_else(busy, client):
    """Two people with the same role in the same minute: each sees their own
    team's work (issue 15, item 7), not what was counted for the other."""
    busy_team = page_for(client, busy.tm_t1).content.decode()
    quiet_team = page_for(client, busy.tm_d).content.decode()
    assert total_on(busy_team) == "2"  # the two requests with a part in team 1
    assert total_on(quiet_team) == "0"
    assert "BOX-" in busy_team and "BOX-" not in quiet_team


def test_other_dates_are_counted_for_those_dates_within_the_minute(busy, client):
    auditor = council_wide(busy)
    assert total_on(page_for(client, auditor).content.decode()) == "3"
    query = "?from_day=1&from_month=11&from_year=2026&to_day=3&to_month=11&to_year=2026"
    assert total_on(page_for(client, auditor, query).content.decode()) == "1"
