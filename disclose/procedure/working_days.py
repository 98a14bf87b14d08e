"""Working-day time limits: weekends and bank holidays in England and Wales
do not count, nor do days while the clock is stopped (awaiting consent,
clarification or identity).

Bank holidays come from the `holidays` package, which carries them offline.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

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


@lru_cache(maxsize=64)
def _bank_holidays(year: int, subdivision: str) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def bank_holiday(day: date, subdivision: str = DEFAULT_SUBDIVISION) -> str | None:
    """The bank holiday's name, or None."""
    return _bank_holidays(day.year, subdivision).get(day)


def is_working_day(day: date, subdivision: str = DEFAULT_SUBDIVISION) -> bool:
    return day.weekday() < 5 and bank_holiday(day, subdivision) is None


def add_working_days(
    start: date,
    days: int,
    *,
    stopped: Iterable[StoppedClock] = (),
    subdivision: str = DEFAULT_SUBDIVISION,
) -> DueDate:
    """The date `days` working days after `start` (the day received is day 0)."""
    stopped = tuple(stopped)
    if any(s.end is None for s in stopped):
        return DueDate(None, (), 0)
    day, counted, skipped, days_stopped = start, 0, [], 0
    while counted < days:
        day += timedelta(days=1)
        name = bank_holiday(day, subdivision)
        if day.weekday() >= 5:
            continue
        if name is not None:
            skipped.append((day, name))
            continue
        if any(s.covers(day) for s in stopped):
            days_stopped += 1
            continue
        counted += 1
    return DueDate(day, tuple(skipped), days_stopped)


def working_days_between(start: date, end: date, subdivision: str = DEFAULT_SUBDIVISION) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, subdivision)
    return count
