"""Leavers and reassignment through /api/v1/ (issue 12, item 1): the two steps
are operations made from their declarations, and refuse with the trail's codes."""

import pytest
from api_client import StaffClient
from casework_factories import approved, build_office, make_staff

from disclose.audit.models import AuditEvent
from disclose.casework import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def test_an_administrator_records_a_leaver_and_nobody_else_may(office):
    refused = StaffClient(office.tm_t1).post("/staff/steps/staff-leaves", {"staff": "sw_t1"})
    assert refused.status_code == 403 and refused.json()["code"] == "not_permitted_for_role"
    admin = make_staff("admin1", "admin")
    done = StaffClient(admin).post("/staff/steps/staff-leaves", {"staff": "sw_t1"})
    assert done.status_code == 200, done.content
    assert done.json() == {"step": "staff_leaves", "done": "Recorded as having left"}
    office.sw_t1.refresh_from_db()
    assert not office.sw_t1.is_active
    assert AuditEvent.objects.get(event_type="staff_leaves").detail["staff"] == "sw_t1"


def test_reassign_through_the_api_with_its_refusals(office):
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    path = f"/requests/{case.reference}/steps/reassign"
    manager = StaffClient(office.tm_t1)
    wrong = manager.post(path, {"subject": 1, "to": "csm_d", "reason": "Off sick."})
    assert wrong.status_code == 422 and wrong.json()["code"] == "wrong_role_for_stage"
    left = make_staff("sw_gone", "social_worker", team=office.t1, is_active=False)
    gone = manager.post(path, {"subject": 1, "to": left.username, "reason": "Off sick."})
    assert gone.json()["code"] == "staff_inactive"
    done = manager.post(path, {"subject": 1, "to": "sw_d", "reason": "Off sick."})
    assert done.status_code == 200, done.content
    assert case.subjects.get().assignee == office.sw_d
