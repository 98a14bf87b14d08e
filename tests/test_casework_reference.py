"""References are unique even when several people log requests at once."""

import threading
from datetime import date

import pytest
from casework_factories import build_office, receive
from django.db import connections

from disclose.casework.models import Request


@pytest.mark.django_db(transaction=True)
@pytest.mark.only_on("postgresql", reason="needs a server database for concurrent writers")
def test_requests_logged_at_the_same_time_get_different_references():
    office = build_office()
    barrier = threading.Barrier(6)
    errors = []

    def log_one():
        try:
            barrier.wait()
            receive(office, None, received=date(2026, 11, 2))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = sorted(Request.objects.values_list("reference", flat=True))
    assert references == [f"AR-2026-{n:06d}" for n in range(1, 7)]
