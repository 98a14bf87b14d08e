"""A request's rows put in order in Python (casework/in_order.py) come in the
order the database gave them before: the model's order, ties decided by the
next term, missing values where PostgreSQL puts them. The database is asked
for no order, which is what saves the work (issue 11)."""

from datetime import UTC, datetime

import pytest
from casework_factories import build_office, make_person, receive
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclose.casework.in_order import in_order
from disclose.casework.models import Message, RequestSubject
from disclose.records.models import Staff

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TUESDAY = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
WEDNESDAY = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


def _messages(request, sent: list[datetime]) -> None:
    """Messages made in this order, each then dated as given (ties and all)."""
    for at in sent:
        message = Message.objects.create(
            request=request, kind="basic_information", subject_line="Re", text="Dates."
        )
        Message.objects.filter(pk=message.pk).update(created_at=at)


def _ids(rows) -> list[int]:
    return [row.pk for row in rows]


def test_messages_come_in_the_order_the_database_gave_them():
    case = receive(build_office(), make_person())
    _messages(case, [WEDNESDAY, MONDAY, WEDNESDAY, TUESDAY, MONDAY])
    by_database = Message.objects.filter(request=case)  # Meta: created_at, then id

    got = list(in_order(Message.objects.filter(request=case)))

    assert _ids(got) == _ids(by_database)
    assert [m.created_at for m in got] == sorted(m.created_at for m in got)


def test_going_down_puts_the_latest_first_and_ties_by_the_next_term():
    case = receive(build_office(), make_person())
    _messages(case, [MONDAY, WEDNESDAY, MONDAY, TUESDAY])
    by_database = Message.objects.filter(request=case).order_by("-created_at", "id")

    got = in_order(Message.objects.filter(request=case), "-created_at", "id")

    assert _ids(got) == _ids(by_database)


def test_missing_values_come_last_going_up_and_first_going_down():
    case = receive(build_office(), make_person(), make_person(), make_person(), make_person())
    forwarded = {1: TUESDAY, 2: None, 3: MONDAY, 4: None}
    for number, at in forwarded.items():
        RequestSubject.objects.filter(request=case, number=number).update(forwarded_at=at)
    parts = RequestSubject.objects.filter(request=case)

    going_up = [p.number for p in in_order(parts, "forwarded_at", "number")]
    going_down = [p.number for p in in_order(parts, "-forwarded_at", "number")]

    assert going_up == [3, 1, 2, 4]
    assert going_down == [2, 4, 1, 3]
    if connection.vendor == "postgresql":  # where it matters, the database agrees
        assert going_up == [p.number for p in parts.order_by("forwarded_at", "number")]
        assert going_down == [p.number for p in parts.order_by("-forwarded_at", "number")]


def test_an_order_asked_for_afterwards_is_the_one_given():
    case = receive(build_office(), make_person())
    _messages(case, [MONDAY, WEDNESDAY, TUESDAY])

    got = in_order(Message.objects.filter(request=case)).order_by("-created_at")

    assert [m.created_at for m in got] == [WEDNESDAY, TUESDAY, MONDAY]


def test_the_database_is_asked_for_no_order():
    case = receive(build_office(), make_person())
    _messages(case, [MONDAY, TUESDAY])

    with CaptureQueriesContext(connection) as read:
        list(in_order(Message.objects.filter(request=case)))

    assert "ORDER BY" not in read.captured_queries[-1]["sql"]


def test_the_order_holds_when_the_rows_are_read_with_their_request():
    """Read with prefetch_related, as the request page reads them."""
    from django.db.models import Prefetch

    from disclose.casework.models import Request

    case = receive(build_office(), make_person())
    _messages(case, [TUESDAY, MONDAY, TUESDAY])

    read = Request.objects.prefetch_related(
        Prefetch("messages", in_order(Message.objects.all()))
    ).get(pk=case.pk)

    assert _ids(read.messages.all()) == _ids(Message.objects.filter(request=case))


def test_a_term_it_cannot_sort_by_fails_when_the_read_is_declared():
    with pytest.raises(FieldDoesNotExist):
        in_order(RequestSubject.objects.all(), "request__received")
    with pytest.raises(FieldDoesNotExist):
        in_order(RequestSubject.objects.all(), "nmber")
    with pytest.raises(ValueError, match="cannot be put in order by 'roles'"):
        in_order(Staff.objects.all(), "roles")
