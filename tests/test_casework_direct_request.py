"""A request made directly to the allocated worker (section 1): they log it,
it starts with them, and nobody else but the SCIMT logs a request."""

import pytest
from casework_factories import build_office, make_staff

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request, StaffNotification
from disclose.records.models import CaseNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def _log(office, actor, person):
    return services.receive_request(
        actor=actor,
        channel="phone",
        requestor_name="Dr Ada Fields",
        requestor_agency="health",
        requestor_email="ada.fields@example.nhs.uk",
        consent=True,
        details="Is there a current plan?",
        subjects=[{"forename": person.forename, "surname": person.surname, "dob": person.dob}],
    )


def test_the_worker_logs_it_and_it_starts_with_them(office):
    child = office.open_case(worker=office.sw_t1)
    case = _log(office, office.sw_t1, child)
    part = case.subjects.get()
    assert case.state == "forwarded" and case.logged_directly and case.owner == office.sw_t1
    assert part.route == "open:allocated_worker" and part.state == "allocated"
    assert part.person == child and part.matched
    assert part.assignee == office.sw_t1 and part.worker == office.sw_t1
    note = CaseNote.objects.get(person=child)
    assert "made to them directly" in note.text
    # They were not emailed about their own request, nor was the requestor given their details.
    assert not StaffNotification.objects.exists() and not case.messages.exists()
    assert AuditEvent.objects.get(event_type="receive_request").detail["logged_directly"]
    # Identity first, then supply (2.1.1).
    with pytest.raises(StepRefused) as refused:
        services.supply_information(actor=office.sw_t1, request=case, summary="A plan.")
    assert refused.value.code == "identity_not_verified"
    services.verify_identity(
        actor=office.sw_t1, request=case, method="call_back", outcome="verified"
    )
    services.supply_information(actor=office.sw_t1, request=case, summary="A plan.")
    assert case.subjects.get().state == "supplied"


def test_a_worker_cannot_log_one_about_a_case_not_allocated_to_them(office):
    someone_elses = office.open_case(worker=office.sw_d)
    before = Request.objects.count()
    with pytest.raises(StepRefused) as refused:
        _log(office, office.sw_t1, someone_elses)
    assert refused.value.code == "not_your_open_case"
    assert "SCIMT" in refused.value.message
    with pytest.raises(StepRefused):
        _log(office, office.sw_t1, office.closed_case())
    assert Request.objects.count() == before  # nothing written


def test_nobody_else_but_the_scimt_logs_a_request(office):
    child = office.open_case(worker=office.sw_t1)
    for actor in (office.tm_t1, office.csm_t1, office.bs, make_staff("ig1", "admin")):
        with pytest.raises(StepRefused) as refused:
            _log(office, actor, child)
        assert refused.value.code == "not_permitted_for_role", actor.username
    assert not Request.objects.exists()
