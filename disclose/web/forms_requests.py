"""What the request pages' forms share: GOV.UK dates, the step form base, person search.

Each step's own form is built from its declaration (step_forms.py).

Forms only parse what the person typed. Whether the step may be taken, and
every rule of the procedure, is for casework.services, which refuses with a
message the page shows in its error summary. Messages say what to fix (GOV.UK).
"""

import datetime

from django import forms
from django.utils import timezone

from disclose.procedure.dates import EARLIEST_BIRTH, date_problem

# The Article 6 bases a council relies on to share without consent: (a) is
# consent itself, (b) a contract, and (f) is not open to a public authority
# performing its tasks.
ARTICLE_6_BASES = [
    ("Article 6(1)(c): legal obligation", "Article 6(1)(c): legal obligation"),
    ("Article 6(1)(d): vital interests", "Article 6(1)(d): vital interests"),
    ("Article 6(1)(e): public task", "Article 6(1)(e): public task"),
]


def parse_date(
    form: forms.Form,
    prefix: str,
    label: str,
    *,
    past: bool = True,
    earliest: datetime.date = EARLIEST_BIRTH,
):
    """A GOV.UK date input's day, month and year as a date, or None when blank.
    The error for the whole date is held on the day field, which the error
    summary links to. Dates before `earliest` are refused, so a typo such as
    "0206" for a year is caught here (issue 15, item 4)."""
    data = form.cleaned_data
    parts = {p: (data.get(f"{prefix}_{p}") or "").strip() for p in ("day", "month", "year")}
    if not any(parts.values()):
        return None
    missing = [p for p, v in parts.items() if not v]
    if missing:
        form.add_error(f"{prefix}_day", f"{label} must include a {' and a '.join(missing)}")
        return None
    try:
        if len(parts["year"]) != 4:
            raise ValueError
        value = datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        form.add_error(f"{prefix}_day", f"{label} must be a real date, like 27 3 2007")
        return None
    today = timezone.localdate()
    problem = date_problem(value, label, earliest=earliest, today=today, past=past)
    if problem:
        form.add_error(f"{prefix}_day", problem)
        return None
    return value


def _text(label: str, required_message: str | None = None, **kwargs) -> forms.CharField:
    kwargs.setdefault("max_length", 200)
    messages = {"max_length": f"{label} must be %(limit_value)s characters or fewer"}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label, required=bool(required_message), error_messages=messages, **kwargs
    )


class StepForm(forms.Form):
    """A step's form, told which request and part it is for, and who is acting."""

    def __init__(self, *args, request=None, part=None, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.part, self.actor = request, part, actor

    def service_arguments(self) -> dict:
        """The services function's keyword arguments, from the cleaned data."""
        return {}


class PersonSearchForm(forms.Form):
    """The match page's search, filled in from what the requestor gave."""

    forename = _text("First name", max_length=100)
    surname = _text("Last name", max_length=100)
    dob_day = _text("Day", max_length=2)
    dob_month = _text("Month", max_length=2)
    dob_year = _text("Year", max_length=4)

    @property
    def dob_parts(self) -> list[forms.BoundField]:
        return [self["dob_day"], self["dob_month"], self["dob_year"]]

    def clean(self):
        data = super().clean()
        data["dob"] = parse_date(self, "dob", "Date of birth")
        if not (data.get("surname") or data["dob"]) and not self.has_error("dob_day"):
            self.add_error("surname", "Enter a last name or a date of birth")
        return data
