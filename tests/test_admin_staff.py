"""Administrators give staff their roles, team and staff id in the admin."""

import pytest
from test_web_personas import PASSWORD, make_staff, superuser_fixture  # noqa: F401

from disclose.audit.models import AuditEvent
from disclose.records.models import Staff, Team

pytestmark = pytest.mark.django_db


def test_roles_are_offered_as_a_checkbox_list(client, superuser):
    worker = make_staff("sasha.worker", "social_worker")
    client.force_login(superuser)
    page = client.get(f"/admin/records/staff/{worker.pk}/change/").content.decode()
    assert 'type="checkbox" name="roles" value="csm"' in page
    assert 'type="checkbox" name="roles" value="social_worker"' in page
    assert 'name="staff_id"' in page and 'name="team"' in page


def test_adding_a_member_of_staff_with_roles_and_a_team_is_audited(client, superuser):
    team = Team.objects.create(team_id="DCPT-B", name="Bassetlaw DCPT", kind="dcpt")
    client.force_login(superuser)
    response = client.post(
        "/admin/records/staff/add/",
        {
            "username": "terry.lead",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Terry",
            "last_name": "Lead",
            "email": "terry.lead@example-council.gov.uk",
            "staff_id": "S-100",
            "team": team.pk,
            "roles": ["team_manager", "social_worker"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    terry = Staff.objects.get(username="terry.lead")
    assert terry.role_codes() == {"team_manager", "social_worker"}
    assert terry.team == team and terry.check_password(PASSWORD)
    event = AuditEvent.objects.get(event_type="admin_change")
    assert event.detail["action"] == "added"
    assert "roles" in event.detail["changed"] and "password" in event.detail["changed"]
    assert event.detail["values"]["roles"] == ["Social worker", "Team manager"]
    assert PASSWORD not in str(event.detail)


def test_changing_a_password_is_audited_without_the_password(client, superuser):
    worker = make_staff("sasha.worker", "social_worker")
    client.force_login(superuser)
    response = client.post(
        f"/admin/records/staff/{worker.pk}/password/",
        {"usable_password": "true", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(event_type="admin_change")
    assert event.detail["changed"] == ["password"]
    assert event.detail["object_id"] == str(worker.pk)
    assert PASSWORD not in str(event.detail)


def test_the_staff_list_shows_each_persons_roles(client, superuser):
    make_staff("sasha.worker", "social_worker", "business_support")
    client.force_login(superuser)
    page = client.get("/admin/records/staff/").content.decode()
    assert "Social worker, Business support" in page or "Business support, Social worker" in page


def test_marking_someone_as_left_is_the_staff_leaves_step_and_is_audited(client, superuser):
    worker = make_staff("sasha.worker", "social_worker")
    client.force_login(superuser)
    response = client.post(
        "/admin/records/staff/",
        {"action": "mark_as_left", "_selected_action": [worker.pk]},
        follow=True,
    )
    assert "Recorded as having left" in response.content.decode()
    worker.refresh_from_db()
    assert not worker.is_active
    event = AuditEvent.objects.get(event_type="staff_leaves")
    assert event.actor == superuser and event.detail["staff"] == "sasha.worker"
    # Twice is refused, and says so; nothing more is recorded.
    again = client.post(
        "/admin/records/staff/",
        {"action": "mark_as_left", "_selected_action": [worker.pk]},
        follow=True,
    )
    assert "already recorded as having left" in again.content.decode()
    assert AuditEvent.objects.filter(event_type="staff_leaves").count() == 1
