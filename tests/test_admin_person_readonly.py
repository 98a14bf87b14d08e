"""Persons come from the import: the admin shows them but cannot change them."""

import pytest
from test_web_personas import person_fixture, superuser_fixture  # noqa: F401

from disclose.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_admin_can_read_a_person_with_their_other_names_and_episodes(client, superuser, person):
    client.force_login(superuser)
    page = client.get(f"/admin/records/person/{person.pk}/change/").content.decode()
    assert "Jaden" in page and "Smyth" in page
    assert "R1" in page
    assert 'name="forename"' not in page  # shown, not editable


def test_reading_a_person_in_the_admin_is_logged_as_a_view(client, superuser, person):
    client.force_login(superuser)
    client.get(f"/admin/records/person/{person.pk}/change/")
    event = AuditEvent.objects.get(event_type="person_viewed")
    assert event.actor == superuser and event.person_id == person.pk
    assert event.detail == {"via": "admin"}


def test_a_person_cannot_be_changed_added_or_deleted_in_the_admin(client, superuser, person):
    client.force_login(superuser)
    client.post(f"/admin/records/person/{person.pk}/change/", {"forename": "Changed"})
    person.refresh_from_db()
    assert person.forename == "Jayden"
    assert client.get("/admin/records/person/add/").status_code == 403
    assert (
        client.post(f"/admin/records/person/{person.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


def test_episodes_and_holdings_are_listed_read_only(client, superuser, person):
    client.force_login(superuser)
    assert "R1" in client.get("/admin/records/episode/").content.decode()
    assert client.get("/admin/records/holding/").status_code == 200
    assert client.get("/admin/records/episode/add/").status_code == 403


# Issue 15, item 3: the admin's lists of people are views of their records too.


@pytest.mark.parametrize(
    "page", ["/admin/records/person/", "/admin/records/episode/", "/admin/records/holding/"]
)
def test_an_admin_list_that_shows_people_is_an_audited_view_of_each(
    client, superuser, person, page
):
    from disclose.audit.reports import person_trail
    from disclose.records.models import Holding

    Holding.objects.create(holding_id="H1", person=person, kind="paper", reference="Box 12")
    client.force_login(superuser)
    assert client.get(page).status_code == 200
    event = AuditEvent.objects.get(event_type="admin_list_viewed")
    assert event.actor == superuser and event.category == "access"
    assert event.detail["results"] == [person.pk] and event.detail["via"] == "admin"
    assert [row.what for row in person_trail(person=person)] == ["Listed in admin"]


def test_opening_an_episode_in_the_admin_is_a_view_of_its_person(client, superuser, person):
    client.force_login(superuser)
    episode = person.episodes.first()
    assert client.get(f"/admin/records/episode/{episode.pk}/change/").status_code == 200
    event = AuditEvent.objects.get(event_type="person_viewed")
    assert event.person_id == person.pk
    assert event.detail == {"via": "admin", "record": f"records.episode {episode.pk}"}
