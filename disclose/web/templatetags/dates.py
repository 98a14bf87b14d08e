"""Dates as the pages write them, in every page's template (a builtin of the
template engine in settings.py: no load line). Emails keep Django's filter:
casework/notify.py renders them with an engine of its own, and they are few.

    {{ d|short_date }}       3 Dec 2026          (as |date:"j M Y")
    {{ d|long_date }}        3 December 2026     (as |date:"j F Y")
    {{ t|short_date_time }}  3 Dec 2026 14:05    (as |date:"j M Y H:i")

The same words as Django's date filter with those formats, in a hundredth of
its time: it reads its month names through translation objects and parses the
format on every call, and the lists of My work and the dashboard call it twice
a row, a quarter of My work's time (issue 11). tests/test_web_dates.py checks
that they agree. A datetime is shown in the council's time zone, as there.
"""

from django import template

register = template.Library()

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@register.filter(expects_localtime=True)
def short_date(value) -> str:
    if not value:
        return ""
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


@register.filter(expects_localtime=True)
def long_date(value) -> str:
    if not value:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@register.filter(expects_localtime=True)
def short_date_time(value) -> str:
    if not value:
        return ""
    return f"{short_date(value)} {value.hour:02d}:{value.minute:02d}"
