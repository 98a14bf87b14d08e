"""Receiving a request and the scope check at receipt (section 1, 2.4)."""

from datetime import date

import pytest
from casework_factories import assert_refused, build_office, make_staff, messages_of, receive
from django.utils import timezone

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.deadlines import deadlines_for
from disclose.casework.models import Request


@pytest.fixture
def office(db):
    return build_office()


def test_a_request_gets_the_next_reference_of_its_year(office):
    first = receive(office, None, received=date(2026, 11, 2))
    second = receive(office, None, received=date(2026, 11, 3))
    assert (first.reference, second.reference) == ("AR-2026-000001", "AR-2026-000002")
    assert receive(office, None, received=date(2025, 1, 6)).reference == "AR-2025-000001"


def test_a_received_request_keeps_the_requestor_subjects_and_owner(office):
    request = receive(
        office, None, None, requestor_role="Detective Constable", requestor_phone="0115 000 0000"
    )
    request = Request.objects.get(pk=request.pk)
    assert request.state == "received"
    assert request.owner == office.scimt
    assert request.requestor_role == "Detective Constable"
    assert [s.number for s in request.subjects.all()] == [1, 2]
    assert all(s.state == "unmatched" for s in request.subjects.all())
    assert AuditEvent.objects.filter(event_type="receive_request").count() == 1


@pytest.mark.parametrize(
    "fields, route, kind, contact",
    [
        (
            {"kind": "own_records"},
            "redirect:subject_access",
            "redirect_subject_access",
            "Accessto.Records@nottscc.gov.uk",
        ),
        (
            {"kind": "own_adoption_records"},
            "redirect:adoption_records",
            "redirect_adoption_records",
            "Adoption Records Manager",
        ),
        (
            {"kind": "view_records"},
            "redirect:view_records",
            "redirect_view_records",
            "Other Agency Requests to View Records",
        ),
        (
            {"kind": "school_incident_notification", "requestor_agency": "ofsted"},
            "redirect:support_to_schools",
            "redirect_support_to_schools",
            "Support to Schools",
        ),
    ],
)
def test_a_request_outside_the_procedure_is_redirected_and_closed_at_receipt(
    office, fields, route, kind, contact
):
    request = receive(office, None, **fields)
    request = Request.objects.get(pk=request.pk)
    assert request.state == "closed"
    assert request.outcome_route == route
    assert request.subjects.get().route == route
    (message,) = messages_of(request)
    assert message.kind == kind
    assert contact in message.text
    assert "01623 433177" in message.text  # the SCIMT's phone, from the council profile


def test_a_broad_request_is_advised_to_view_the_records_and_stays_open_waiting(office):
    request = receive(office, None, extent="extensive")
    request = Request.objects.get(pk=request.pk)
    assert (request.state, request.closed_at) == ("awaiting_narrowing", None)
    assert request.outcome_route == "advise:view_records"
    assert request.subjects.get().state == "unmatched"  # nothing forwarded or ended
    (message,) = messages_of(request)
    assert message.kind == "advise_view_records"
    assert "Other Agency Requests to View Records" in message.text
    assert "We have closed this request" not in message.text
    assert "tell us exactly what you need" in message.text


def test_a_narrowed_request_goes_on_as_a_specific_one_with_its_time_limits_from_then(office):
    request = receive(office, office.closed_case(), extent="extensive")
    services.narrow_request(
        actor=office.scimt, request=request, details="The 2015 plan's dates.", extent="specific"
    )
    request = Request.objects.get(pk=request.pk)
    assert (request.state, request.extent, request.details) == (
        "received",
        "specific",
        "The 2015 plan's dates.",
    )
    assert request.outcome_route == "" and request.narrowed_at is not None
    basic = next(d for d in deadlines_for(request) if d.stage == "basic_facts")
    assert basic.started_on == timezone.localdate(request.narrowed_at)
    event = AuditEvent.objects.filter(event_type="narrow_request").get()
    assert event.detail["asked_before"] == "Dates of any child protection plan."


def test_a_school_incident_notification_is_passed_to_the_support_to_schools_manager(office):
    manager = make_staff("sts1", "support_to_schools_manager")
    request = receive(office, None, kind="school_incident_notification", requestor_agency="ofsted")
    assert manager.notifications.get().request_id == request.pk
    assert "passed your notification on" in messages_of(request)[0].text


def test_only_a_scimt_officer_can_log_a_request(office):
    """Or a social worker, one about their own open case (test_casework_direct_request.py)."""
    for actor, code in (
        (office.tm_t1, "not_permitted_for_role"),
        (office.sw_t1, "not_your_open_case"),
    ):
        with pytest.raises(services.StepRefused) as refused:
            services.receive_request(
                actor=actor,
                channel="phone",
                requestor_name="A",
                requestor_agency="police",
                consent=True,
                details="x",
                subjects=[{"forename": "A", "surname": "B"}],
            )
        assert refused.value.code == code
    assert not Request.objects.exists()


@pytest.mark.parametrize(
    "bad", [{"channel": "fax"}, {"requestor_agency": "press"}, {"requestor_name": " "}]
)
def test_a_request_with_a_bad_field_is_refused(office, bad):
    with pytest.raises(services.StepRefused) as refused:
        receive(office, None, **bad)
    assert refused.value.code == "invalid_input"
    assert not Request.objects.exists()


def test_the_officer_confirms_the_scope_check(office):
    request = receive(office, None)
    services.triage(actor=office.scimt, request=request)
    request = Request.objects.get(pk=request.pk)
    assert request.triaged_by == office.scimt and request.state == "received"


def test_triage_is_refused_to_a_social_worker(office):
    request = receive(office, None)
    assert_refused("not_permitted_for_role", services.triage, actor=office.sw_t1, request=request)
