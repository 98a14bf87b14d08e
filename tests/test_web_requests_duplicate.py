"""The same new request sent three times (a double click, or the form sent again)
made three requests (issue 15, item 8). Now the officer is warned and asked to
confirm, and two posts at the same moment take turns."""

import threading

import pytest
from casework_factories import build_office
from django.db import connections
from django.test import Client
from test_web_requests_intake import CONFIRMED, FORM

from disclose.casework.models import Request
from disclose.records.models import Role

# The same new request sent three times (a double click, or the form sent again)


@pytest.mark.django_db
def test_the_same_request_sent_again_warns_instead_of_logging_it_twice(client):
    office = build_office()
    client.force_login(office.scimt)
    client.post("/requests/new/", FORM | CONFIRMED)
    first = Request.objects.get()
    for _ in range(2):
        page = client.post("/requests/new/", FORM | CONFIRMED).content.decode()
        assert "There is a problem" in page
        assert "You logged a request like this at" in page and first.reference in page
        assert "This is a different request: log it as well" in page
    assert Request.objects.count() == 1
    # Told it is a different request, the officer logs it.
    response = client.post("/requests/new/", FORM | CONFIRMED | {"confirm_duplicate": "yes"})
    assert response.status_code == 302 and Request.objects.count() == 2
    # A request about someone else is not a duplicate.
    other = FORM | CONFIRMED | {"s2_forename": "Ava"}
    assert client.post("/requests/new/", other).status_code == 302
    assert Request.objects.count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.only_on(
    "postgresql",
    reason="SQLite's in-memory test database cannot be shared by threads; on SQLite "
    "every transaction takes the write lock first (IMMEDIATE)",
)
def test_a_double_click_sending_the_form_twice_at_once_logs_one_request():
    for code in Role.Code:  # a transactional test starts from empty tables
        Role.objects.get_or_create(code=code.value)
    office = build_office()
    start, statuses = threading.Barrier(2), []

    def post() -> None:
        try:
            client = Client()
            client.force_login(office.scimt)
            start.wait()
            statuses.append(client.post("/requests/new/", FORM | CONFIRMED).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(statuses) == [200, 302]  # one logged, one warned
    assert Request.objects.count() == 1
