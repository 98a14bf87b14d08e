"""Dates within sense (issue 15, item 4): a request received in year 1 was
accepted and then made "My work", the request page and the dashboard take
seconds. Received dates run from 2000 to today, dates of birth from 1900, in
the forms and in the services; and every working-day sum is bounded, so even a
date stored before these checks cannot make a page slow."""

from datetime import date, timedelta

import pytest
from casework_factories import build_office, receive
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_web_requests_intake import CONFIRMED, FORM

from disclose.casework import services
from disclose.casework.deadlines import deadlines_for
from disclose.casework.errors import StepRefused
from disclose.casework.models import Extension, Request
from disclose.procedure.dates import EARLIEST_RECEIVED, LATEST
from disclose.procedure.working_days import (
    StoppedClock,
    add_working_days,
    bank_holidays_between,
    is_working_day,
    working_days_between,
)
from disclose.web.forms_reports import DateRangeForm


@pytest.fixture
def office(db):
    return build_office()


# The forms


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"received_year": "0206"}, "Date received must be 1 January 2000 or later"),
        ({"received_year": "1999"}, "Date received must be 1 January 2000 or later"),
        ({"s1_dob_year": "0206"}, "Person 1&#x27;s date of birth must be 1 January 1900 or later"),
    ],
)
def test_the_intake_form_refuses_a_year_out_of_sense_and_logs_nothing(
    client, office, typed, message
):
    client.force_login(office.scimt)
    dated = FORM | {"received_day": "2", "received_month": "11", "received_year": "2026"}
    page = client.post("/requests/new/", dated | typed).content.decode()
    assert "There is a problem" in page and message in page
    assert not Request.objects.exists()


def test_a_received_date_of_1_january_2000_is_accepted(client, office):
    client.force_login(office.scimt)
    dated = FORM | {"received_day": "1", "received_month": "1", "received_year": "2000"}
    client.post("/requests/new/", dated | CONFIRMED)
    assert Request.objects.get().received == date(2000, 1, 1)


def test_the_person_search_refuses_a_date_of_birth_before_1900(client, office):
    client.force_login(office.scimt)
    query = {"request_reference": "AR-2026-000001", "surname": "Jones"}
    query |= {"dob_day": "1", "dob_month": "1", "dob_year": "1899"}
    page = client.post("/persons/search/", query).content.decode()
    assert "Date of birth must be 1 January 1900 or later" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"from_year": "0001"}, "The start date must be 1 January 2000 or later."),
        ({"to_year": "2100"}, "The end date must be 31 December 2099 or earlier."),
    ],
)
def test_the_dashboard_range_refuses_a_year_out_of_sense(typed, message):
    given = {"from_day": "1", "from_month": "1", "from_year": "2026"}
    given |= {"to_day": "1", "to_month": "2", "to_year": "2026"} | typed
    form = DateRangeForm(given)
    assert not form.is_valid()
    assert message in str(form.errors)


def test_a_range_ending_on_29_february_starts_on_1_march_the_year_before():
    form = DateRangeForm({"to_day": "29", "to_month": "2", "to_year": "2028"})
    assert form.range() == (date(2027, 3, 1), date(2028, 2, 29))


# The services: the scenario runner and the API call them without a form


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"received": date(1, 1, 1)}, "Date received must be 1 January 2000 or later."),
        ({"received": date(2999, 1, 1)}, "Date received must be today or in the past."),
        (
            {"subjects": [{"forename": "Mia", "surname": "Jones", "dob": date(206, 6, 12)}]},
            "Person 1's date of birth must be 1 January 1900 or later.",
        ),
        (
            {"subjects": [{"forename": "Mia", "surname": "Jones", "dob": "12/06/2015"}]},
            "Person 1's date of birth must be a date, like 2026-03-27.",
        ),
    ],
)
def test_receive_request_refuses_dates_out_of_sense_and_changes_nothing(office, fields, message):
    arguments = {
        "actor": office.scimt,
        "channel": "email",
        "requestor_name": "DC Jane Doe",
        "requestor_agency": "police",
        "consent": True,
        "details": "Dates of any child protection plan.",
        "subjects": [{"forename": "Mia", "surname": "Jones", "dob": date(2015, 6, 12)}],
    }
    with pytest.raises(StepRefused) as refused:
        services.receive_request(**arguments | fields)
    assert (refused.value.code, refused.value.message) == ("invalid_date", message)
    assert not Request.objects.exists()


# The sums: bounded whatever is stored


def test_working_days_before_2000_or_after_2099_are_not_counted():
    start = EARLIEST_RECEIVED - timedelta(days=1)
    assert working_days_between(date(1, 1, 1), date(2026, 1, 1)) == working_days_between(
        start, date(2026, 1, 1)
    )
    assert working_days_between(date(2026, 1, 1), date(9999, 12, 31)) == working_days_between(
        date(2026, 1, 1), LATEST
    )
    assert bank_holidays_between(date(2026, 1, 1), date(9999, 1, 1))[-1][0].year == 2099


def test_a_due_date_past_the_calendar_is_its_last_day():
    assert add_working_days(date(2099, 12, 1), 1_000_000).due == LATEST


def test_a_request_stored_in_year_1_still_shows_on_my_work_and_its_page(office, client):
    # As if logged before the checks: the pages must still open.
    request = receive(office, None)
    Request.objects.filter(pk=request.pk).update(received=date(1, 1, 1))
    Extension.objects.create(
        request=request,
        stage="acknowledge",
        new_due=date(9999, 12, 31),
        reason="A typo.",
        by=office.scimt,
        at=timezone.now(),
    )
    request = Request.objects.get(pk=request.pk)
    acknowledge = deadlines_for(request, today=date(2026, 12, 1))[0]
    assert acknowledge.due == date(9999, 12, 31) and acknowledge.bank_holidays[-1][0].year == 2099
    client.force_login(office.scimt)
    assert request.reference in client.get("/").content.decode()
    assert client.get(f"/requests/{request.reference}/").status_code == 200


def _walk(start, days, clocks):
    """The due date walking day by day, as the counting did before it was bounded."""
    day, counted, stopped = start, 0, 0
    while counted < days:
        day += timedelta(days=1)
        if not is_working_day(day):
            continue
        if any(c.covers(day) for c in clocks):
            stopped += 1
            continue
        counted += 1
    return day, stopped


_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def _stopped_clocks(draw):
    found = []
    for first in draw(st.lists(_days, max_size=3)):
        found.append(StoppedClock(first, first + timedelta(draw(st.integers(0, 60)))))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=_days, days=st.integers(0, 80), clocks=_stopped_clocks())
def test_the_bounded_due_date_agrees_with_walking_day_by_day(start, days, clocks):
    found = add_working_days(start, days, stopped=clocks)
    assert (found.due, found.days_stopped) == _walk(start, days, clocks)
    walked = [
        d
        for d in (start + timedelta(n) for n in range(1, (found.due - start).days + 1))
        if d.weekday() < 5 and not is_working_day(d)
    ]
    assert [d for d, _ in found.bank_holidays] == walked
