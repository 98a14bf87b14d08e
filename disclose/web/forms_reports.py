"""The date range of the dashboard and the exports: dates only, by GET, so no
personal data ever goes into a URL (issue 7, items 4 and 5)."""

import datetime

from django import forms
from django.utils import timezone

from disclose.procedure.dates import EARLIEST_RECEIVED, date_problem

_PARTS = ("day", "month", "year")
_LABELS = {"day": "Day", "month": "Month", "year": "Year"}


class DateRangeForm(forms.Form):
    """From and to, each as GOV.UK's day, month and year boxes. Blank means the
    last 12 months up to today."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for end in ("from", "to"):
            for part in _PARTS:
                self.fields[f"{end}_{part}"] = forms.CharField(
                    label=_LABELS[part], required=False, max_length=4
                )

    def parts(self, end: str) -> list[forms.BoundField]:
        return [self[f"{end}_{p}"] for p in _PARTS]

    @property
    def from_parts(self) -> list[forms.BoundField]:
        return self.parts("from")

    @property
    def to_parts(self) -> list[forms.BoundField]:
        return self.parts("to")

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start = self._date(data, "from", "start date")
        end = self._date(data, "to", "end date")
        if self.errors:
            return data
        end = end or today
        start = start or _a_year_before(end)
        if start > end:
            self.add_error("from_day", "The start date must be on or before the end date.")
        data["start"], data["end"] = start, end
        return data

    def _date(self, data: dict, end: str, words: str) -> datetime.date | None:
        given = {p: (data.get(f"{end}_{p}") or "").strip() for p in _PARTS}
        if not any(given.values()):
            return None
        field = f"{end}_day"
        if not all(given.values()):
            missing = " and ".join(p for p, v in given.items() if not v)
            self.add_error(field, f"The {words} must include a {missing}.")
            return None
        try:
            day, month, year = (int(given[p]) for p in _PARTS)
            if len(given["year"]) != 4:
                raise ValueError
            value = datetime.date(year, month, day)
        except ValueError:
            self.add_error(field, f"The {words} must be a real date, for example 1 4 2026.")
            return None
        # Nothing is received before EARLIEST_RECEIVED, and no year 1 reaches the sums.
        problem = date_problem(
            value,
            f"The {words}",
            earliest=EARLIEST_RECEIVED,
            today=timezone.localdate(),
            past=False,
        )
        if problem:
            self.add_error(field, f"{problem}.")
            return None
        return value

    def range(self) -> tuple[datetime.date, datetime.date]:
        """The range asked for; the default range when what was given is wrong."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        today = timezone.localdate()
        return _a_year_before(today), today


def _a_year_before(day: datetime.date) -> datetime.date:
    """The first day of the 12 months up to `day`; 29 February counts from 1 March."""
    if day.month == 2 and day.day == 29:
        day -= datetime.timedelta(days=1)
    return day.replace(year=day.year - 1) + datetime.timedelta(days=1)
