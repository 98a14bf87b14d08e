"""Administrators keep teams up to date in the admin; every change is audited."""

import pytest
from test_web_personas import make_staff, officer_fixture, superuser_fixture  # noqa: F401

from disclose.audit.models import AuditEvent
from disclose.records.models import Locality, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db) -> Team:
    bassetlaw = Locality.objects.create(name="Bassetlaw")
    return Team.objects.create(team_id="T1", name="Bassetlaw Children's Team 1", locality=bassetlaw)


def team_form(team: Team, **changes) -> dict:
    data = {
        "team_id": team.team_id,
        "name": team.name,
        "kind": team.kind,
        "locality": team.locality_id,
        "parent": "",
        "active": "on",
        "closed_on": "",
        "csm": "",
        "team_manager": "",
    }
    data.update(changes)
    return data


def test_an_admin_can_change_a_teams_csm_and_the_change_is_audited(client, superuser, team):
    csm = make_staff("dana.manager", "csm", first_name="Dana", last_name="Manager")
    client.force_login(superuser)
    response = client.post(f"/admin/records/team/{team.pk}/change/", team_form(team, csm=csm.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    team.refresh_from_db()
    assert team.csm == csm
    event = AuditEvent.objects.get(event_type="admin_change")
    assert event.actor == superuser
    assert event.detail["model"] == "records.team"
    assert event.detail["object_id"] == str(team.pk)
    assert event.detail["changed"] == ["csm"]
    assert event.detail["values"] == {"csm": "Dana Manager"}


def test_closing_a_team_records_both_fields(client, superuser, team):
    client.force_login(superuser)
    data = team_form(team, closed_on="2020-03-31")
    del data["active"]
    client.post(f"/admin/records/team/{team.pk}/change/", data)
    event = AuditEvent.objects.get(event_type="admin_change")
    assert sorted(event.detail["changed"]) == ["active", "closed_on"]


def test_deleting_a_locality_is_audited(client, superuser):
    locality = Locality.objects.create(name="Ashfield")
    client.force_login(superuser)
    response = client.post(f"/admin/records/locality/{locality.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Locality.objects.exists()
    event = AuditEvent.objects.get(event_type="admin_change")
    assert event.detail["action"] == "deleted"
    assert event.detail["object"] == "Ashfield"


def test_the_team_list_can_be_filtered_by_kind_and_locality(client, superuser, team):
    client.force_login(superuser)
    response = client.get("/admin/records/team/", {"kind__exact": "social_work"})
    assert response.status_code == 200
    assert "Bassetlaw Children&#x27;s Team 1" in response.content.decode()
    response = client.get("/admin/records/team/", {"kind__exact": "dcpt"})
    assert "Bassetlaw Children&#x27;s Team 1" not in response.content.decode()


def test_staff_who_are_not_admins_are_sent_away_from_the_admin(client, officer, team):
    client.force_login(officer)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(f"/admin/records/team/{team.pk}/change/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
