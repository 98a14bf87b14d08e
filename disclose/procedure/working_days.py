"""Working-day time limits: weekends and bank holidays in England and Wales
do not count, nor do days while the clock is stopped (awaiting consent,
clarification or identity).

Bank holidays come from the `holidays` package, which carries them offline.

Every sum here is bounded (issue 15, item 4): days are counted on a calendar of
the working days from EARLIEST_RECEIVED to LATEST, built once, by bisecting it
rather than walking day by day. A date outside it counts as its nearest end, so
no stored date, however wrong, makes a page slow.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from .dates import EARLIEST_RECEIVED, LATEST

# England and Wales share their bank holidays except in Wales's case none
# differ today; the subdivision is kept so a council can say which it is.
DEFAULT_SUBDIVISION = "ENG"


@dataclass(frozen=True)
class StoppedClock:
    """The clock stopped on `start` and restarted on `end` (None: still stopped)."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class DueDate:
    due: date | None  # None while the clock is stopped with no restart
    bank_holidays: tuple[tuple[date, str], ...]  # the holidays skipped on the way
    days_stopped: int  # working days that did not count because the clock was stopped


@lru_cache(maxsize=4)
def _bank_holidays(subdivision: str) -> dict[date, str]:
    years = range(EARLIEST_RECEIVED.year, LATEST.year + 1)
    return dict(holidays.country_holidays("GB", subdiv=subdivision, years=years))


@dataclass(frozen=True)
class _Calendar:
    working_days: tuple[date, ...]  # in order
    weekday_holidays: tuple[tuple[date, str], ...]  # bank holidays that fall Monday to Friday


@lru_cache(maxsize=4)
def _calendar(subdivision: str) -> _Calendar:
    names = _bank_holidays(subdivision)
    day, working, skipped = EARLIEST_RECEIVED, [], []
    while day <= LATEST:
        if day.weekday() < 5:
            if day in names:
                skipped.append((day, names[day]))
            else:
                working.append(day)
        day += _DAY
    return _Calendar(tuple(working), tuple(skipped))


_DAY = timedelta(days=1)


def _within(day: date) -> date:
    return min(max(day, EARLIEST_RECEIVED), LATEST)


def bank_holiday(day: date, subdivision: str = DEFAULT_SUBDIVISION) -> str | None:
    """The bank holiday's name, or None (None too outside the calendar)."""
    return _bank_holidays(subdivision).get(day)


def is_working_day(day: date, subdivision: str = DEFAULT_SUBDIVISION) -> bool:
    return day.weekday() < 5 and bank_holiday(day, subdivision) is None


def add_working_days(
    start: date,
    days: int,
    *,
    stopped: Iterable[StoppedClock] = (),
    subdivision: str = DEFAULT_SUBDIVISION,
) -> DueDate:
    """The date `days` working days after `start` (the day received is day 0).
    A due date past the calendar's end is that end."""
    stopped = tuple(stopped)
    if any(s.end is None for s in stopped):
        return DueDate(None, (), 0)
    if days <= 0:
        return DueDate(start, (), 0)
    working = _calendar(subdivision).working_days
    at, remaining, days_stopped = bisect_right(working, _within(start)), days, 0
    for first, last in merged((s.start, s.end) for s in stopped if s.end is not None):
        # Working days before this stop count; those it covers (first <= day < last) do not.
        stop_at = max(at, bisect_left(working, first))
        if stop_at - at >= remaining:
            break
        remaining -= stop_at - at
        at = max(stop_at, bisect_left(working, last))
        days_stopped += at - stop_at
    index = at + remaining - 1
    due = working[index] if index < len(working) else LATEST
    return DueDate(due, bank_holidays_between(start, due, subdivision), days_stopped)


def merged(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Stopped periods as [first, last), in order, with overlaps joined, so no day
    counts twice."""
    joined: list[list[date]] = []
    for first, last in sorted(spans):
        if joined and first <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], last)
        else:
            joined.append([first, last])
    return [(a, b) for a, b in joined]


def working_days_between(start: date, end: date, subdivision: str = DEFAULT_SUBDIVISION) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    if end <= start:
        return 0
    working = _calendar(subdivision).working_days
    return bisect_right(working, _within(end)) - bisect_right(working, _within(start))


def bank_holidays_between(
    start: date, end: date, subdivision: str = DEFAULT_SUBDIVISION
) -> tuple[tuple[date, str], ...]:
    """Bank holidays on weekdays after `start` up to and including `end`: the ones
    that did not count."""
    found = _calendar(subdivision).weekday_holidays
    first = bisect_right(found, _within(start), key=_day_of)
    last = bisect_right(found, _within(end), key=_day_of)
    return found[first:last]


def _day_of(holiday: tuple[date, str]) -> date:
    return holiday[0]
