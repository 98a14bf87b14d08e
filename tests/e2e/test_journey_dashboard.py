"""Information governance read the dashboard in the browser: its charts, each an image with a
name and its table after it, the date range, and the overdue list; information
governance downloads an export (issue 7, items 4 and 5). axe-core on each page."""

from datetime import date

import pytest

from disclose.casework import services

from .browser import assert_accessible, screenshot, sign_in
from .remote import expect


@pytest.fixture
def requests_made(staff):
    """Two requests at intake (one long overdue) and one redirected at receipt."""
    officer = staff["scimt_officer"]
    made = []
    for agency, received, kind in (
        ("police", date(2026, 10, 1), "information"),
        ("cafcass", date(2026, 10, 5), "information"),
        ("health", date(2026, 10, 6), "own_records"),
    ):
        made.append(
            services.receive_request(
                actor=officer,
                channel="email",
                requestor_name="Alex Example",
                requestor_agency=agency,
                requestor_email="alex@example.org",
                consent=True,
                details="Dates of any plan.",
                subjects=[{"forename": "Robin", "surname": "Example", "dob": date(2012, 3, 4)}],
                kind=kind,
                received=received,
            )
        )
    return made


def test_information_governance_read_the_dashboard_charts_and_tables(page, staff, requests_made):
    # The whole council's figures: a team manager's dashboard counts only their own
    # team's work (issue 15, item 7; tests/test_visibility_narrowed.py).
    sign_in(page, staff["information_governance"].username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    for name in ("Requests by agency", "Subjects by route", "Requests by stage"):
        expect(page.get_by_role("img", name=name)).to_be_visible()
        expect(page.get_by_role("table", name=f"{name}: the figures in the chart")).to_be_visible()
    agencies = page.get_by_role("table", name="Requests by agency: the figures in the chart")
    expect(agencies.get_by_role("row", name="CAFCASS 1")).to_be_visible()
    expect(page.get_by_role("img", name="Time taken per stage against its limit")).to_be_visible()
    overdue = page.get_by_role(
        "table", name="Stages past their due date, the longest overdue first"
    )
    expect(overdue).to_contain_text(requests_made[0].reference)
    assert_accessible(page)
    screenshot(page, "dashboard")

    page.get_by_role("group", name="Received from").get_by_label("Day").fill("4")
    page.get_by_role("group", name="Received from").get_by_label("Month").fill("10")
    page.get_by_role("group", name="Received from").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Show these dates").click()
    expect(page.get_by_text("Requests received from 4 October 2026")).to_be_visible()
    assert "from_day=4" in page.url and "Robin" not in page.url
    assert_accessible(page)


def test_information_governance_downloads_the_requests_as_csv(page, staff, requests_made):
    sign_in(page, staff["information_governance"].username)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Exports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exports")
    assert_accessible(page)
    link = page.get_by_role("link", name="Download requests (CSV)")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert requests_made[1].reference in response.text()
