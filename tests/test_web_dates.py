"""The pages' own date filters (web/templatetags/dates.py) write exactly what
Django's date filter writes with the same format, dates and times alike, a
time in the council's time zone either side of the clocks changing."""

from datetime import UTC, date, datetime

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

FORMATS = {
    "short_date": "j M Y",
    "long_date": "j F Y",
    "short_date_time": "j M Y H:i",
}

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
times = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31), timezones=st.just(UTC)
)


def both(filter_name: str, value) -> tuple[str, str]:
    engine = engines["django"]
    ours = engine.from_string("{{ v|" + filter_name + " }}").render({"v": value})
    django_format = '{{ v|date:"' + FORMATS[filter_name] + '" }}'
    django = engine.from_string(django_format).render({"v": value})
    return ours, django


@settings(max_examples=200, deadline=None)
@given(day=dates)
def test_a_date_is_written_as_django_writes_it(day):
    for name in ("short_date", "long_date"):
        ours, django = both(name, day)
        assert ours == django


@settings(max_examples=200, deadline=None)
@given(moment=times)
def test_a_time_is_written_in_the_councils_time_zone_as_django_writes_it(moment):
    for name in FORMATS:
        ours, django = both(name, moment)
        assert ours == django


def test_british_summer_time_is_shown_as_the_clock_on_the_wall():
    # 13:30 UTC on a July afternoon is 14:30 in London.
    ours, _ = both("short_date_time", datetime(2026, 7, 1, 13, 30, tzinfo=UTC))
    assert ours == "1 Jul 2026 14:30"
    # Just before midnight UTC at the end of March is the next day in London.
    ours, _ = both("short_date", datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    assert ours == "1 Apr 2026"


def test_nothing_is_written_for_no_date():
    for name in FORMATS:
        assert both(name, None) == ("", "")
        assert both(name, "") == ("", "")
