"""Every signed-in page reads its session, the person and their roles: reads
prepared once (web/signin/sessions.py, web/signin/backend.py, Staff.role_codes),
which still end a session that has expired and sign out someone who has left
(issue 11)."""

from datetime import timedelta

import pytest
from casework_factories import build_office
from django.contrib.sessions.models import Session
from django.utils import timezone

from disclose.records.models import Role, Staff

pytestmark = pytest.mark.django_db


def test_a_page_reads_session_person_and_roles_without_writing_their_sql(client, watch_sql):
    office = build_office()
    client.force_login(office.csm_t1)
    assert client.get("/").status_code == 200  # each read prepared here, if not before
    written = watch_sql()

    page = client.get("/")

    assert page.status_code == 200
    assert 'id="team"' in page.content.decode(), "the CSM's roles were read: their team's work"
    assert not {Session, Staff, Role} & set(written)


def test_an_expired_session_is_signed_out(client):
    office = build_office()
    client.force_login(office.sw_t1)
    assert client.get("/").status_code == 200

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    page = client.get("/")
    assert page.status_code == 302
    assert page["Location"].startswith("/sign-in/")


def test_someone_who_has_left_is_signed_out_at_their_next_page(client):
    office = build_office()
    client.force_login(office.sw_t1)
    assert client.get("/").status_code == 200

    Staff.objects.filter(pk=office.sw_t1.pk).update(is_active=False)

    page = client.get("/")
    assert page.status_code == 302
    assert page["Location"].startswith("/sign-in/")


def test_roles_read_with_the_person_are_not_read_again(django_assert_num_queries):
    office = build_office()
    staff = Staff.objects.prefetch_related("roles").get(pk=office.csm_t1.pk)

    with django_assert_num_queries(0):
        assert staff.role_codes() == {"csm"}
    assert Staff.objects.get(pk=office.csm_t1.pk).role_codes() == {"csm"}
