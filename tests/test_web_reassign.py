"""Reassigning a part from its page (December 2026): the choices are the
people in post who hold the role the part needs now, and the step records
who moved it, from whom, to whom and why."""

import pytest
from casework_factories import approved, build_office, forwarded, make_staff
from django.utils.html import escape

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import StaffNotification
from disclose.records.models import CaseNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def test_a_team_manager_reassigns_a_leavers_part_to_another_worker(client, office):
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    services.staff_leaves(actor=make_staff("admin1", "admin"), staff=office.sw_t1)
    new = make_staff("sw_new", "social_worker", team=office.t1)
    gone = make_staff("sw_gone", "social_worker", team=office.t1, is_active=False)
    client.force_login(office.tm_t1)
    url = f"/requests/{case.reference}/subjects/1/reassign/"
    page = client.get(url).content.decode()
    # Social workers in post only, and not the one who holds it now.
    assert escape(new.display_name) in page and escape(office.sw_d.display_name) in page
    for not_offered in (gone, office.sw_t1, office.csm_t1, office.tm_d):
        assert f'value="{not_offered.pk}"' not in page, not_offered.username
    response = client.post(url, {"to": new.pk, "reason": "Sasha has left the council."})
    assert response.status_code == 302
    part = case.subjects.get()
    assert part.assignee == new and part.worker == new
    note = CaseNote.objects.filter(text__contains="reassigned").get()
    assert office.sw_t1.display_name in note.text and "who has left" in note.text
    assert new.display_name in note.text and "Sasha has left the council." in note.text
    event = AuditEvent.objects.get(event_type="reassign")
    assert event.actor == office.tm_t1 and event.detail["to"] == "sw_new"
    assert event.detail["moved"] == [{"subject": 1, "from": "sw_t1", "from_had_left": True}]
    told = StaffNotification.objects.get(staff=new)
    assert told.kind == "task_reassigned" and "Sasha has left the council." in told.text
    # The new worker now sees it as theirs to act on.
    client.force_login(new)
    assert client.get(f"/requests/{case.reference}/").status_code == 200


def test_another_teams_manager_is_told_why_not(client, office):
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    services.reassign(actor=office.tm_t1, request=case, to=office.sw_d, reason="Off sick.")
    # Now held by a DCPT worker: Team 1's manager may no longer move it.
    client.force_login(office.tm_t1)
    response = client.post(
        f"/requests/{case.reference}/subjects/1/reassign/",
        {"to": office.sw_t1.pk, "reason": "Back at work."},
    )
    assert response.status_code == 200
    assert "another team" in response.content.decode()
    assert case.subjects.get().assignee == office.sw_d


def test_work_is_never_allocated_or_passed_on_to_someone_who_has_left(office):
    # As routing never picks a leaver, neither does a person: the refusal says
    # they have left (staff_inactive), not that they hold the wrong role.
    case = approved(office, office.closed_case(), office.csm_t1)
    services.staff_leaves(actor=make_staff("admin1", "admin"), staff=office.sw_t1)
    with pytest.raises(services.StepRefused) as refused:
        services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    assert refused.value.code == "staff_inactive"
    assert "recorded as having left" in refused.value.message
    assert case.subjects.get().state == "awaiting_allocation"

    other = forwarded(office, office.closed_case())
    gone = make_staff("csm_gone", "csm", team=office.t1, is_active=False)
    with pytest.raises(services.StepRefused) as refused:
        services.pass_to_csm(actor=office.csm_t1, request=other, to=gone, reason="Their area.")
    assert refused.value.code == "staff_inactive"
    assert other.subjects.get().assignee == office.csm_t1
