"""Reads prepared once (disclose/prepared.py) give the rows their queryset
gives, for any values, without Django writing their SQL again; a read whose
SQL cannot be kept is refused with its name (issue 11)."""

import threading
from datetime import UTC, date, datetime

import pytest
from casework_factories import build_office, make_person, receive
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclose.casework.models import Message, Request, RequestSubject
from disclose.prepared import NotPreparable, Prepared, PreparedRelation
from disclose.records.models import Staff

pytestmark = pytest.mark.django_db


def _requests_logged_by(owner: int, since: date):
    return Request.objects.filter(owner=owner, received__gte=since).order_by("id").values("id")


def _parts_with_request(request: int):
    return RequestSubject.objects.filter(request=request).select_related("request__owner")


def _usernames(active: bool):
    return (
        Staff.objects.filter(is_active=active)
        .order_by("username")
        .values_list("username", flat=True)
    )


def _messages_since(at: datetime):
    return Message.objects.filter(created_at__gt=at).values_list("id", "kind")


def _logged(office, owner: Staff, received: date) -> Request:
    case = receive(office, make_person())
    Request.objects.filter(pk=case.pk).update(owner=owner, received=received)
    return case


LOGGED_BY = Prepared(_requests_logged_by)
PARTS = Prepared(_parts_with_request)
USERNAMES = Prepared(_usernames)
MESSAGES_SINCE = Prepared(_messages_since)


def test_each_value_gives_the_rows_its_queryset_gives(watch_sql):
    office = build_office()
    received = [date(2026, 1, 5), date(2026, 2, 2), date(2026, 3, 2)]
    for day in received:
        _logged(office, office.scimt, day)
    _logged(office, office.csm_t1, date(2026, 2, 2))

    for owner in (office.scimt, office.csm_t1, office.sw_t1):
        for since in received:
            expected = list(_requests_logged_by(owner.pk, since))
            assert LOGGED_BY.rows(owner=owner.pk, since=since) == expected

    written = watch_sql()
    assert len(LOGGED_BY.rows(owner=office.scimt.pk, since=date(2026, 2, 1))) == 2
    assert written == [], "the SQL kept is used: Django writes none"


def test_model_rows_come_with_what_was_selected_with_them():
    office = build_office()
    case = receive(office, make_person(surname="Ashdown"), make_person(surname="Brook"))
    Request.objects.filter(pk=case.pk).update(owner=office.csm_t1)

    with CaptureQueriesContext(connection) as read:
        parts = PARTS.rows(request=case.pk)
        names = sorted(part.surname for part in parts)
        owners = {part.request.owner.username for part in parts}

    assert names == ["Ashdown", "Brook"]
    assert owners == {"csm_t1"}
    assert len(read.captured_queries) == 1, "request and owner joined, not read one by one"
    assert [p.pk for p in parts] == [p.pk for p in _parts_with_request(case.pk)]


def test_a_shape_is_prepared_apart_from_the_other():
    office = build_office()
    office.sw_t1.is_active = False
    office.sw_t1.save()

    assert USERNAMES.rows(active=True) == list(_usernames(True))
    assert USERNAMES.rows(active=False) == list(_usernames(False))
    assert "sw_t1" in USERNAMES.rows(active=False)
    assert "sw_t1" not in USERNAMES.rows(active=True)


def test_a_time_is_sent_as_the_database_keeps_it():
    case = receive(build_office(), make_person())
    early = Message.objects.create(request=case, kind="basic_information", subject_line="A")
    late = Message.objects.create(request=case, kind="basic_information", subject_line="B")
    Message.objects.filter(pk=early.pk).update(created_at=datetime(2026, 3, 2, 9, tzinfo=UTC))
    Message.objects.filter(pk=late.pk).update(created_at=datetime(2026, 3, 4, 9, tzinfo=UTC))

    assert MESSAGES_SINCE.rows(at=datetime(2026, 3, 3, tzinfo=UTC)) == [
        (late.pk, "basic_information")
    ]
    assert len(MESSAGES_SINCE.rows(at=datetime(2026, 3, 1, tzinfo=UTC))) == 2


@pytest.mark.django_db(transaction=True)
def test_each_thread_reads_with_its_own_connection():
    office = build_office()
    _logged(office, office.scimt, date(2026, 1, 5))
    LOGGED_BY.rows(owner=office.scimt.pk, since=date(2026, 1, 1))  # prepared in this thread
    got, failed = [], []

    def read():
        try:
            got.extend(LOGGED_BY.rows(owner=office.scimt.pk, since=date(2026, 1, 1)))
        except Exception as error:  # noqa: BLE001 - reported below
            failed.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()

    assert failed == []
    assert len(got) == 1


def _by_name_like(text: str):
    return Staff.objects.filter(username__icontains=text)


def _first_few(count: int):
    return Staff.objects.order_by("id")[:count]


def _ignoring(team: int):
    return Staff.objects.all()


def _with_prefetch(team: int):
    return Staff.objects.filter(team=team).prefetch_related("roles")


@pytest.mark.parametrize(
    ("build", "arguments", "says"),
    [
        (_by_name_like, {"text": "sw"}, "a parameter is made from a value"),
        (_first_few, {"count": 3}, "its SQL depends on its values"),
        (_with_prefetch, {"team": 1}, "prefetch_related"),
        (_ignoring, {"team": 1}, "team is not among the SQL's parameters"),
        (_usernames, {"active": [True]}, "active is a list"),
    ],
)
def test_a_read_whose_sql_cannot_be_kept_is_refused_by_name(build, arguments, says):
    build_office()

    with pytest.raises(NotPreparable) as refused:
        Prepared(build).rows(**arguments)

    assert says in str(refused.value)
    assert build.__name__ in str(refused.value)


SUBJECTS = PreparedRelation(
    Request, "subjects", RequestSubject.objects.select_related("team").prefetch_related("person")
)


def test_a_relation_read_prepared_is_where_prefetch_related_puts_it(django_assert_num_queries):
    office = build_office()
    first = receive(office, make_person(surname="Ashdown"), make_person(surname="Brook"))
    receive(office, make_person(surname="Other"))  # another request's part: not among them
    case = Request.objects.get(pk=first.pk)

    with django_assert_num_queries(1):  # the parts; no person is matched yet, so no second
        SUBJECTS.read_into(case)
    with django_assert_num_queries(0):
        parts = list(case.subjects.all())
        assert sorted(part.surname for part in parts) == ["Ashdown", "Brook"]
        assert all(part.request is case for part in parts)
        assert case.subjects.count() == 2

    # Asked more of than its rows, it is still this request's relation.
    assert [p.surname for p in case.subjects.filter(surname="Brook")] == ["Brook"]
    assert case.subjects.exclude(surname="Brook").get().surname == "Ashdown"


def test_a_relation_s_own_lookups_are_prefetched_after_it(django_assert_num_queries):
    office = build_office()
    person = make_person(surname="Ashdown")
    case = receive(office, person)
    RequestSubject.objects.filter(request=case).update(person=person)
    case = Request.objects.get(pk=case.pk)

    with django_assert_num_queries(2):  # the parts, then their people
        SUBJECTS.read_into(case)
    with django_assert_num_queries(0):
        assert [part.person.surname for part in case.subjects.all()] == ["Ashdown"]
