"""Working days taken, counted quickly for the dashboard, agree with walking day
by day across years, bank holidays and overlapping stopped clocks (issue 7)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from disclose.casework.deadlines import _working_days_taken
from disclose.procedure.working_days import (
    StoppedClock,
    bank_holiday,
    bank_holidays_between,
    is_working_day,
)

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))


def walk(start, end, clocks):
    taken = stopped = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if not is_working_day(day):
            continue
        if any(c.covers(day) for c in clocks):
            stopped += 1
        else:
            taken += 1
    return taken, stopped


@st.composite
def clocks(draw):
    found = []
    for first in draw(st.lists(days, max_size=3)):
        length = draw(st.one_of(st.none(), st.integers(0, 40)))
        found.append(StoppedClock(first, None if length is None else first + timedelta(length)))
    return found


@settings(max_examples=150, deadline=None)
@given(start=days, span=st.integers(0, 500), stops=clocks())
def test_counting_agrees_with_walking_day_by_day(start, span, stops):
    end = start + timedelta(days=span)
    assert _working_days_taken(start, end, stops) == walk(start, end, stops)


def test_the_holidays_listed_are_the_weekday_bank_holidays_in_the_range():
    listed = bank_holidays_between(date(2026, 12, 20), date(2027, 1, 5))
    assert [name for _, name in listed] == [
        "Christmas Day",
        "Boxing Day (observed)",
        "New Year's Day",
    ]
    assert all(bank_holiday(day) for day, _ in listed)
