"""Working-day time limits across bank holidays and a stopped clock."""

from datetime import date

from disclose.procedure.working_days import (
    StoppedClock,
    add_working_days,
    is_working_day,
    working_days_between,
)


def test_a_weekend_does_not_count():
    # Friday 20 November 2026 + 1 working day is Monday 23rd.
    assert add_working_days(date(2026, 11, 20), 1).due == date(2026, 11, 23)


def test_christmas_and_boxing_day_substitute_do_not_count():
    # Received Thursday 24 Dec 2026. Christmas Day is Friday 25th; Boxing Day
    # falls on Saturday 26th, so the bank holiday is Monday 28th.
    due = add_working_days(date(2026, 12, 24), 2)
    assert due.due == date(2026, 12, 30)
    assert [d for d, _ in due.bank_holidays] == [date(2026, 12, 25), date(2026, 12, 28)]
    assert "Christmas Day" in dict(due.bank_holidays).values()


def test_easter_good_friday_and_easter_monday_do_not_count():
    # Received Thursday 2 April 2026; Good Friday 3rd and Easter Monday 6th.
    due = add_working_days(date(2026, 4, 2), 1)
    assert due.due == date(2026, 4, 7)
    assert {name for _, name in due.bank_holidays} == {"Good Friday", "Easter Monday"}


def test_a_clock_stopped_over_a_weekend_only_loses_the_working_days():
    # Received Wednesday 4 Nov 2026, 5 working days: due Wednesday 11th.
    assert add_working_days(date(2026, 11, 4), 5).due == date(2026, 11, 11)
    # Stopped Friday 6th, restarted Tuesday 10th: Friday and Monday do not count.
    stop = StoppedClock(date(2026, 11, 6), date(2026, 11, 10))
    due = add_working_days(date(2026, 11, 4), 5, stopped=[stop])
    assert due.due == date(2026, 11, 13)
    assert due.days_stopped == 2


def test_a_clock_still_stopped_has_no_due_date():
    due = add_working_days(date(2026, 11, 4), 5, stopped=[StoppedClock(date(2026, 11, 5))])
    assert due.due is None


def test_working_days_between_skips_weekends_and_holidays():
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 31)) == 3
    assert not is_working_day(date(2026, 12, 28))
