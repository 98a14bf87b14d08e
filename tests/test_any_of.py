"""`field__any_of=ids` (casework/any_of.py): the dashboard counts a manager's
requests over a list of ids sent as one parameter. It must match exactly the
rows `__in` would, on SQLite and PostgreSQL alike, for a key and a foreign
key, and an empty list must match nothing."""

from datetime import date

import pytest
from casework_factories import build_office, receive

from disclose.casework.models import Deadline, Request, RequestSubject


@pytest.fixture
def requests_made(db):
    office = build_office()
    return [receive(office, None, received=date(2026, 11, n)) for n in (2, 3, 4, 5)]


def test_any_of_finds_the_rows_in_the_list_and_no_others(requests_made):
    wanted = [requests_made[0].pk, requests_made[2].pk]
    found = Request.objects.filter(pk__any_of=wanted)
    assert sorted(found.values_list("pk", flat=True)) == sorted(wanted)
    assert set(found) == set(Request.objects.filter(pk__in=wanted))


def test_any_of_on_a_foreign_key_agrees_with_in(requests_made):
    wanted = [requests_made[1].pk, requests_made[3].pk, 10**12]  # one id that is nobody's
    parts = RequestSubject.objects.filter(request__any_of=wanted)
    assert parts.count() == RequestSubject.objects.filter(request__in=wanted).count() > 0
    stages = Deadline.objects.filter(request__any_of=wanted)
    assert set(stages) == set(Deadline.objects.filter(request__in=wanted))


def test_an_empty_list_matches_nothing_and_counts_nothing(requests_made):
    assert list(Request.objects.filter(pk__any_of=[])) == []
    assert RequestSubject.objects.filter(request__any_of=[]).count() == 0
    # Joined with other conditions, it still rules the rows out.
    either = Request.objects.filter(pk__any_of=[]) | Request.objects.filter(pk=requests_made[0].pk)
    assert list(either) == [requests_made[0]]
