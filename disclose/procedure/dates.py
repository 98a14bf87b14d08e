"""The dates Disclose accepts (issue 15, item 4).

A typo such as "0206" for a year is a real date to Python, and a request
received in year 1 once made every page that counts working days take
seconds. So each typed date is checked against sensible bounds, by the forms
and again by the services (the API and the scenario runner call those
directly), with a message that says what to fix.
"""

from datetime import date

# No request reaches the service before it existed; no one alive was born before.
EARLIEST_RECEIVED = date(2000, 1, 1)
EARLIEST_BIRTH = date(1900, 1, 1)
# Working days are counted up to here, and no due date is set beyond it.
LATEST = date(2099, 12, 31)


def long_date(value: date) -> str:
    """27 March 2007: the GOV.UK way of writing a date."""
    return f"{value.day} {value:%B %Y}"


def date_problem(
    value: date, label: str, *, earliest: date, today: date, past: bool = True
) -> str | None:
    """What is wrong with `value`, as a sentence starting with `label`, or None.
    A date in the past (`past`) may be today at the latest; any other up to LATEST."""
    if value < earliest:
        return f"{label} must be {long_date(earliest)} or later"
    if past and value > today:
        return f"{label} must be today or in the past"
    if value > LATEST:
        return f"{label} must be {long_date(LATEST)} or earlier"
    return None
