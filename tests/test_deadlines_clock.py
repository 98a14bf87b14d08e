"""Stopping and restarting the clock, and extensions: who may, what is kept,
and that a refused step changes nothing (issue 7, item 2)."""

from datetime import date, timedelta

import pytest
from casework_factories import assert_refused, build_office, forwarded, part, receive

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.deadlines import deadlines_for
from disclose.casework.models import ClockStop, Extension
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


def test_the_services_offer_the_clock_steps_by_name():
    assert services.VERBS["stop_clock"] is services.stop_clock
    assert services.VERBS["restart_clock"] is services.restart_clock
    assert services.VERBS["extend"] is services.extend


def test_the_scimt_officer_stops_and_restarts_the_clock_before_forward_and_both_are_audited(
    office,
):
    request = receive(office, None, received=date(2026, 11, 2))
    services.stop_clock(
        actor=office.scimt,
        request=request,
        reason="consent",
        note="Asked for the signed consent form.",
        on=date(2026, 11, 3),
    )
    stop = ClockStop.objects.get()
    assert (stop.reason, stop.stopped_by, stop.subject) == ("consent", office.scimt, None)
    services.restart_clock(actor=office.scimt, request=request, on=date(2026, 11, 5))
    stop.refresh_from_db()
    assert stop.restarted_on == date(2026, 11, 5) and stop.restarted_by == office.scimt
    events = AuditEvent.objects.filter(request_reference=request.reference)
    assert list(events.values_list("event_type", flat=True))[-2:] == [
        "stop_clock",
        "restart_clock",
    ]


def test_only_the_parts_holder_stops_its_clock_after_forward_with_a_case_note(office):
    request = forwarded(office, office.closed_case())
    assert_refused(
        "not_permitted_for_role",
        services.stop_clock,
        actor=office.scimt,
        request=request,
        reason="identity",
    )
    assert_refused(
        "not_assigned_to_you",
        services.stop_clock,
        actor=office.csm_d,
        request=request,
        reason="identity",
    )
    services.stop_clock(actor=office.csm_t1, request=request, reason="identity")
    stop = ClockStop.objects.get()
    assert stop.subject == part(request) and stop.restarted_on is None
    note = CaseNote.objects.filter(request_reference=request.reference).last()
    assert "stopped the clock" in note.text and "awaiting proof of identity" in note.text
    (decision,) = [d for d in deadlines_for(request) if d.stage == "csm_decision"]
    assert decision.stopped and decision.due is None


def test_a_clock_cannot_be_stopped_twice_or_restarted_when_running(office):
    request = receive(office, None)
    assert_refused("clock_not_stopped", services.restart_clock, actor=office.scimt, request=request)
    services.stop_clock(actor=office.scimt, request=request, reason="clarification")
    assert_refused(
        "clock_already_stopped",
        services.stop_clock,
        actor=office.scimt,
        request=request,
        reason="consent",
    )
    assert ClockStop.objects.count() == 1


def test_a_stop_needs_a_known_reason_and_a_date_not_in_the_future(office):
    request = receive(office, None)
    assert_refused(
        "invalid_input", services.stop_clock, actor=office.scimt, request=request, reason="holiday"
    )
    assert_refused(
        "invalid_date",
        services.stop_clock,
        actor=office.scimt,
        request=request,
        reason="consent",
        on=date.today() + timedelta(days=1),
    )
    assert not ClockStop.objects.exists()


def test_an_extension_keeps_who_when_the_new_date_and_why_and_moves_the_due_date(office):
    request = forwarded(office, office.closed_case())
    (before,) = [d for d in deadlines_for(request) if d.stage == "csm_decision"]
    new_due = before.due + timedelta(days=14)
    services.extend(
        actor=office.csm_t1,
        request=request,
        stage="csm_decision",
        new_due=new_due,
        reason="Waiting for the archived file index.",
    )
    extension = Extension.objects.get()
    assert (extension.by, extension.new_due, extension.previous_due) == (
        office.csm_t1,
        new_due,
        before.due,
    )
    assert extension.reason == "Waiting for the archived file index." and extension.at
    (after,) = [d for d in deadlines_for(request) if d.stage == "csm_decision"]
    assert after.due == new_due and after.extension == extension
    assert AuditEvent.objects.filter(event_type="extend").count() == 1


def test_an_extension_must_be_later_and_give_a_reason(office):
    request = forwarded(office, office.closed_case())
    (now,) = [d for d in deadlines_for(request) if d.stage == "csm_decision"]
    assert_refused(
        "date_not_later",
        services.extend,
        actor=office.csm_t1,
        request=request,
        stage="csm_decision",
        new_due=now.due,
        reason="More time.",
    )
    assert_refused(
        "reason_required",
        services.extend,
        actor=office.csm_t1,
        request=request,
        stage="csm_decision",
        new_due=now.due + timedelta(days=7),
        reason=" ",
    )
    assert_refused(
        "stage_not_open",
        services.extend,
        actor=office.csm_t1,
        request=request,
        stage="supply",
        new_due=now.due + timedelta(days=7),
        reason="More time.",
    )
    assert not Extension.objects.exists()


def test_a_closed_request_has_no_clock_to_stop(office):
    request = receive(office, None, kind="own_records")
    assert_refused(
        "wrong_state", services.stop_clock, actor=office.scimt, request=request, reason="consent"
    )
