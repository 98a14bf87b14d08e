"""Stopping, restarting and extending from the request page (issue 7, item 2)."""

from datetime import date, timedelta

import pytest
from casework_factories import build_office, forwarded, receive

from disclose.casework.deadlines import deadlines_for
from disclose.casework.models import ClockStop, Extension


@pytest.fixture
def office(db):
    return build_office()


def test_the_scimt_officer_stops_and_restarts_the_clock_from_the_request_page(office, client):
    request = receive(office, None)
    client.force_login(office.scimt)
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert "Stop the clock" in page and "Restart the clock" not in page
    response = client.post(
        f"/requests/{request.reference}/time-limits/stop-clock/",
        {"reason": "clarification", "note": "Which dates?"},
    )
    assert response.status_code == 302
    stop = ClockStop.objects.get()
    assert (stop.reason, stop.note) == ("clarification", "Which dates?")
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert "Clock stopped" in page and "Restart the clock" in page
    client.post(f"/requests/{request.reference}/time-limits/restart-clock/", {})
    stop.refresh_from_db()
    assert stop.restarted_on == date.today()


def test_a_refused_step_is_explained_and_changes_nothing(office, client):
    request = receive(office, None)
    client.force_login(office.scimt)
    client.post(f"/requests/{request.reference}/time-limits/stop-clock/", {"reason": "consent"})
    response = client.post(
        f"/requests/{request.reference}/time-limits/stop-clock/", {"reason": "identity"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "You cannot do this now" in html
    assert "The clock is already stopped" in html
    assert ClockStop.objects.count() == 1


def test_the_csm_extends_the_decision_from_the_request_page(office, client):
    request = forwarded(office, office.closed_case())
    (decision,) = [d for d in deadlines_for(request) if d.stage == "csm_decision"]
    new_due = decision.due + timedelta(days=7)
    client.force_login(office.csm_t1)
    assert "Extend a time limit" in client.get(f"/requests/{request.reference}/").content.decode()
    response = client.post(
        f"/requests/{request.reference}/time-limits/extend/",
        {
            "stage": "csm_decision",
            "due_day": new_due.day,
            "due_month": new_due.month,
            "due_year": new_due.year,
            "reason": "Waiting for the archive index.",
        },
    )
    assert response.status_code == 302
    assert Extension.objects.get().new_due == new_due


def test_an_extension_without_a_date_or_reason_says_what_to_fix(office, client):
    request = forwarded(office, office.closed_case())
    client.force_login(office.csm_t1)
    html = client.post(
        f"/requests/{request.reference}/time-limits/extend/", {"stage": "csm_decision"}
    ).content.decode()
    assert "Enter the new due date" in html and "Enter why more time is needed" in html
    assert not Extension.objects.exists()


def test_someone_who_does_not_hold_the_request_is_offered_no_clock_steps(office, client):
    request = forwarded(office, office.closed_case())
    client.force_login(office.scimt)
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert "Stop the clock" not in page and "Extend a time limit" not in page
