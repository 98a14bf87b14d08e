"""The council profile is one row in the admin: edited in place, never added twice or deleted."""

import json

import pytest
from django_tasks_db.models import DBTaskResult
from test_web_personas import superuser_fixture  # noqa: F401

from disclose.audit.models import AuditEvent
from disclose.council.models import CouncilProfile
from disclose.council.profile import profile_as_dict

pytestmark = pytest.mark.django_db


def profile_form(**changes) -> dict:
    data = {k: v for k, v in profile_as_dict().items()}
    data["time_limits"] = (
        '{"acknowledge": 2, "basic_facts": 5, "csm_decision": 10, "supply": 20, "hard_copies": 10}'
    )
    data["trusted_email_domains"] = '["police.uk", "nhs.net"]'
    data.update(changes)
    return data


def test_the_profile_list_goes_straight_to_the_one_profile(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/council/councilprofile/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/council/councilprofile/1/change/"


def test_a_second_profile_cannot_be_added_nor_the_first_deleted(client, superuser):
    CouncilProfile.current()
    client.force_login(superuser)
    assert client.get("/admin/council/councilprofile/add/").status_code == 403
    assert (
        client.post("/admin/council/councilprofile/1/delete/", {"post": "yes"}).status_code == 403
    )
    assert CouncilProfile.objects.count() == 1


def test_an_admin_can_change_the_annex_and_the_change_is_audited(client, superuser):
    CouncilProfile.current()
    client.force_login(superuser)
    response = client.post(
        "/admin/council/councilprofile/1/change/", profile_form(police_protocol_annex="Annex 6")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CouncilProfile.current().police_protocol_annex == "Annex 6"
    event = AuditEvent.objects.get(event_type="admin_change")
    assert "police_protocol_annex" in event.detail["changed"]
    assert event.detail["model"] == "council.councilprofile"


def test_an_unknown_time_limit_is_refused_with_the_load_profile_message(client, superuser):
    CouncilProfile.current()
    client.force_login(superuser)
    response = client.post(
        "/admin/council/councilprofile/1/change/", profile_form(time_limits='{"lunch": 1}')
    )
    assert response.status_code == 200
    assert "Is not a known stage" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_changing_a_time_limit_says_when_the_lists_use_it_and_books_the_rewrite(
    client, superuser, django_capture_on_commit_callbacks
):
    limits = {**CouncilProfile.current().time_limits, "supply": 15}
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/council/councilprofile/1/change/",
            profile_form(time_limits=json.dumps(limits)),
            follow=True,
        )
    assert CouncilProfile.current().time_limits["supply"] == 15
    assert "use them within a few minutes" in response.content.decode()
    booked = DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True)
    assert list(booked) == ["disclose.casework.tasks.rewrite_due_dates"]
