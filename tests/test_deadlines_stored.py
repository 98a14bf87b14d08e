"""Due dates kept in the database (issue 11, item 3): each step writes its
request's again, so lists sort and count by them in SQL; a change to the time
limits writes every request's again; `migrate` fills in any missing. The rule
stays deadlines_for(): tests/deadline_checks.py compares the two, and every
scenario file is checked with it (test_scenario_files.py)."""

from datetime import date, timedelta

import pytest
from casework_factories import build_office, forwarded, receive
from deadline_checks import stale_deadlines
from django.core.management import call_command
from django.utils import timezone
from test_reminders_worker import run_worker

from disclose.casework import reports, services
from disclose.casework.models import Deadline
from disclose.council.models import CouncilProfile


@pytest.fixture
def office(db):
    return build_office()


def stored(request, stage, subject=None) -> Deadline:
    return Deadline.objects.get(request=request, stage=stage, subject=subject)


def test_stopping_restarting_and_extending_the_clock_rewrites_the_due_date(office):
    request = receive(office, None, received=date(2026, 11, 4))
    assert stored(request, "basic_facts").due == date(2026, 11, 11)
    services.stop_clock(
        actor=office.scimt, request=request, reason="clarification", on=date(2026, 11, 6)
    )
    row = stored(request, "basic_facts")
    assert row.due is None and row.stopped
    services.restart_clock(actor=office.scimt, request=request, on=date(2026, 11, 10))
    assert stored(request, "basic_facts").due == date(2026, 11, 13)
    later = timezone.localdate() + timedelta(days=30)
    services.extend(
        actor=office.scimt,
        request=request,
        stage="basic_facts",
        new_due=later,
        reason="The police asked for more.",
    )
    row = stored(request, "basic_facts")
    assert row.due == later and row.extended
    assert stale_deadlines() == []


def test_a_step_that_finishes_a_stage_stores_when_and_who_no_longer_holds_it(office):
    request = receive(office, None)
    assert stored(request, "acknowledge").holder == office.scimt
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    row = stored(request, "acknowledge")
    assert row.done_on == timezone.localdate() and row.holder is None


def test_changing_the_time_limits_rewrites_every_requests_due_dates_in_the_worker(
    office, django_capture_on_commit_callbacks
):
    # A page may take 30 s at most, and at 100,000 requests the rewrite takes
    # longer: the change books it for the background worker once committed.
    first = receive(office, None, received=date(2026, 11, 20))  # a Friday
    second = forwarded(office, office.closed_case(), received=date(2026, 11, 20))
    profile = CouncilProfile.current()
    profile.time_limits = {**profile.time_limits, "acknowledge": 1, "csm_decision": 3}
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    assert stored(second, "csm_decision", subject=1).limit != 3  # not yet: booked
    run_worker()
    assert stored(first, "acknowledge").due == date(2026, 11, 23)
    assert stored(second, "csm_decision", subject=1).limit == 3
    assert stale_deadlines() == []


def test_migrate_fills_in_the_due_dates_of_requests_that_have_none(office):
    request = forwarded(office, office.closed_case())
    Deadline.objects.all().delete()  # as on an installation from before the table
    call_command("migrate", verbosity=0)
    assert Deadline.objects.filter(request=request).count() >= 3
    assert stale_deadlines() == []


def test_the_dashboard_counts_from_the_stored_dates_as_the_rule_does(office):
    """The figures SQL counts equal those from working out every request."""
    today = timezone.localdate()
    receive(office, None, received=today - timedelta(days=40))  # overdue at intake
    late = forwarded(office, office.closed_case(), received=today - timedelta(days=60))
    services.decide(actor=office.csm_t1, request=late, decision="approve", reason="Fine.")
    open_case = forwarded(office, office.open_case(worker=office.sw_t1))
    services.supply_information(actor=office.sw_t1, request=open_case, summary="Dates.")
    figures = reports.dashboard(today - timedelta(days=365), today, today=today)

    from disclose.casework.deadlines import deadline_queryset, deadlines_for

    rows = [d for case in deadline_queryset() for d in deadlines_for(case, today=today)]
    for t in figures.stage_times:
        mine = [d for d in rows if d.stage == t.stage]
        done = [d for d in mine if d.done_on]
        assert (t.done, t.late, t.open) == (
            len(done),
            sum(d.late for d in done),
            len(mine) - len(done),
        ), t.stage
        assert t.overdue == sum(d.overdue for d in mine), t.stage
        assert t.average == (round(sum(d.taken for d in done) / len(done), 1) if done else None)
    overdue = sorted((d.due, d.stage) for d in rows if d.overdue)
    assert figures.overdue_count == len(overdue) >= 2
    assert [(o.deadline.due, o.deadline.stage) for o in figures.overdue] == overdue


def test_my_work_lists_what_is_overdue_first_and_requests_to_close(office, client):
    today = timezone.localdate()
    recent = receive(office, None, received=today)
    overdue = receive(office, None, received=today - timedelta(days=40))
    client.force_login(office.scimt)
    page = client.get("/").content.decode()
    assert page.index(overdue.reference) < page.index(recent.reference)
    assert "Overdue" in page.split(overdue.reference, 1)[1].split("</tr>", 1)[0]

    supplied = forwarded(office, office.open_case(worker=office.sw_t1))
    services.supply_information(actor=office.sw_t1, request=supplied, summary="Dates.")
    client.force_login(office.sw_t1)
    row = client.get("/").content.decode().split(supplied.reference, 1)[1].split("</tr>", 1)[0]
    assert "Close the request" in row


def test_each_request_keeps_its_earliest_open_due_date_for_the_lists(office):
    """Request.next_due follows the steps: set when a stage starts, moved on
    when it finishes, emptied while the clock is stopped."""
    request = receive(office, None, received=date(2026, 11, 4))
    request.refresh_from_db()
    assert request.next_due == stored(request, "acknowledge").due
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    request.refresh_from_db()
    open_dues = Deadline.objects.filter(request=request, done_on__isnull=True, due__isnull=False)
    assert request.next_due == min(d.due for d in open_dues)
    assert request.next_due != stored(request, "acknowledge").due  # that stage is done
    assert stale_deadlines() == []
    services.stop_clock(
        actor=office.scimt, request=request, reason="clarification", on=date(2026, 11, 6)
    )
    assert stale_deadlines() == []
