"""Each request shows its due dates per stage, in working days from the council
profile, with the bank holidays that did not count (issue 7, item 1)."""

from datetime import date

import pytest
from casework_factories import approved, build_office, forwarded, receive

from disclose.casework import services
from disclose.casework.deadlines import deadlines_for
from disclose.council.models import CouncilProfile
from disclose.procedure.working_days import add_working_days


@pytest.fixture
def office(db):
    return build_office()


def stage(request, name, subject=None, today=None):
    rows = [d for d in deadlines_for(request, today=today) if d.stage == name]
    return next(d for d in rows if d.subject == subject)


def test_a_request_received_on_christmas_eve_is_due_to_be_acknowledged_after_the_holidays(office):
    request = receive(office, None, received=date(2020, 12, 24))
    ack = stage(request, "acknowledge", today=date(2020, 12, 29))
    # Christmas Day (Friday) and Boxing Day's substitute (Monday 28th) do not count.
    assert ack.due == date(2020, 12, 30)
    assert [name for _, name in ack.bank_holidays] == ["Christmas Day", "Boxing Day (observed)"]
    assert not ack.overdue
    assert stage(request, "acknowledge", today=date(2020, 12, 31)).overdue


def test_basic_facts_received_before_easter_are_due_after_easter_monday(office):
    request = receive(office, None, received=date(2026, 4, 2))
    facts = stage(request, "basic_facts", today=date(2026, 4, 2))
    assert facts.limit == 5
    assert facts.due == date(2026, 4, 13)
    assert {name for _, name in facts.bank_holidays} == {"Good Friday", "Easter Monday"}


def test_a_clock_stopped_over_a_weekend_only_loses_the_working_days(office):
    request = receive(office, None, received=date(2026, 11, 4))
    assert stage(request, "basic_facts", today=date(2026, 11, 5)).due == date(2026, 11, 11)
    services.stop_clock(
        actor=office.scimt, request=request, reason="clarification", on=date(2026, 11, 6)
    )
    stopped = stage(request, "basic_facts", today=date(2026, 11, 9))
    assert stopped.due is None and stopped.stopped and not stopped.overdue
    services.restart_clock(actor=office.scimt, request=request, on=date(2026, 11, 10))
    facts = stage(request, "basic_facts", today=date(2026, 11, 12))
    # Friday 6th and Monday 9th did not count; the weekend between was never counted.
    assert facts.due == date(2026, 11, 13)
    assert facts.days_stopped == 2 and not facts.stopped


def test_the_limits_come_from_the_council_profile(office):
    profile = CouncilProfile.current()
    profile.time_limits = {**profile.time_limits, "acknowledge": 1}
    profile.save()
    request = receive(office, None, received=date(2026, 11, 20))  # a Friday
    assert stage(request, "acknowledge").due == date(2026, 11, 23)


def test_acknowledging_is_done_when_the_requestor_is_first_contacted(office):
    request = receive(office, None, received=date(2026, 11, 2))
    assert stage(request, "acknowledge").done_on is None
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    ack = stage(request, "acknowledge")
    assert ack.done_on is not None and ack.holder is None


def test_a_closed_case_has_a_csm_decision_due_from_forward_then_supply_due_from_approval(office):
    person = office.closed_case()
    request = forwarded(office, person, received=date(2026, 11, 2))
    decision = stage(request, "csm_decision", subject=1)
    assert decision.started_on == date.today()
    assert decision.due == add_working_days(date.today(), 10).due
    assert decision.holder == office.csm_t1
    assert not [d for d in deadlines_for(request) if d.stage == "supply"]

    request = approved(office, office.closed_case(), office.csm_t1)
    supply = stage(request, "supply", subject=1)
    assert supply.due == add_working_days(date.today(), 20).due
    assert supply.holder == office.tm_t1  # to allocate first
    assert stage(request, "csm_decision", subject=1).done_on == date.today()


def test_an_open_case_is_due_to_be_supplied_from_forward(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    supply = stage(request, "supply", subject=1)
    assert supply.started_on == date.today() and supply.holder == office.sw_t1
    assert not [d for d in deadlines_for(request) if d.stage == "csm_decision"]
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.")
    supplied = stage(request, "supply", subject=1)
    assert supplied.done_on == date.today() and not supplied.overdue and not supplied.late


def test_a_request_redirected_at_receipt_has_only_its_acknowledgement(office):
    request = receive(office, None, kind="own_records")
    (only,) = deadlines_for(request)
    assert only.stage == "acknowledge" and only.done_on == date.today()
