"""The request page shows each stage's due date and the bank holidays that did
not count (issue 7, item 1)."""

from datetime import date

import pytest
from casework_factories import build_office, receive

from disclose.casework import services


@pytest.fixture
def office(db):
    return build_office()


def test_the_request_page_shows_due_dates_and_the_bank_holidays_counted(office, client):
    request = receive(office, None, received=date(2020, 12, 24))
    client.force_login(office.scimt)
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert 'id="time-limits"' in page
    assert "Acknowledge the request" in page and "30 Dec 2020" in page
    assert "Christmas Day (25 Dec 2020)" in page and "Boxing Day (observed) (28 Dec 2020)" in page
    assert "Not yet" in page  # no one has contacted the requestor yet


def test_a_stopped_clock_and_an_extension_show_on_the_request_page(office, client):
    request = receive(office, None, received=date(2026, 11, 2))
    services.stop_clock(actor=office.scimt, request=request, reason="identity")
    client.force_login(office.scimt)
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert "Clock stopped" in page and "Not set while the clock is stopped" in page
