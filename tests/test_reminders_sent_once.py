"""Reminders before a task is due, escalation when overdue, and the daily
digest: each to the right person, and each sent once (issue 7, item 3). The
job queues each email in the outbox; the worker's delivery sends it."""

from datetime import datetime, time, timedelta

import pytest
from casework_factories import (
    build_office,
    forwarded,
    logged_through_the_api,
    make_staff,
    make_team,
)
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclose.casework import reminders, services
from disclose.casework.models import Reminder
from disclose.council.models import CouncilProfile
from disclose.outbox.delivery import deliver_due
from disclose.procedure.working_days import add_working_days, is_working_day, working_days_between


@pytest.fixture
def office(db):
    return build_office()


def remind(now: datetime) -> dict[str, int]:
    """The reminders job at `now`, then the worker's delivery of what it queued."""
    counts = reminders.send_reminders(now=now)
    deliver_due()
    return counts


def at(day, hour=9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def set_limit(stage, days):
    profile = CouncilProfile.current()
    profile.time_limits = {**profile.time_limits, stage: days}
    profile.save()


def test_the_holder_is_reminded_two_working_days_before_the_csm_decision_is_due(office, mailoutbox):
    request = forwarded(office, office.closed_case())
    due = add_working_days(datetime.now().date(), 10).due
    # Three working days before: nothing yet. Two before: the CSM is reminded.
    remind(at(days_before(due, 3), hour=6))
    assert not Reminder.objects.filter(kind="due_soon").exists()
    counts = remind(at(days_before(due, 2), hour=6))
    assert counts["due_soon"] == 1
    (email,) = [m for m in mailoutbox if "is due on" in m.subject]
    assert email.to == [office.csm_t1.email] and request.reference in email.subject


def days_before(due, n):
    day, counted = due, 0
    while counted < n:
        day -= timedelta(days=1)
        counted += is_working_day(day)
    return day


def test_an_overdue_part_is_escalated_to_the_team_manager_of_the_holders_team_once(
    office, mailoutbox
):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    late = add_working_days(datetime.now().date(), 25).due
    first = remind(at(late, hour=6))
    assert first["overdue"] == 1
    (email,) = [m for m in mailoutbox if "overdue" in m.subject]
    assert email.to == [office.tm_t1.email]
    assert office.sw_t1.display_name in email.subject and request.reference in email.subject
    again = remind(at(late, hour=8))
    assert again["overdue"] == 0
    assert len([m for m in mailoutbox if "overdue" in m.subject]) == 1


def test_a_team_managers_overdue_task_goes_to_the_csm(office, mailoutbox):
    person = office.closed_case()
    request = forwarded(office, person)
    services.decide(actor=office.csm_t1, request=request, decision="approve", reason="Fine.")
    late = add_working_days(datetime.now().date(), 25).due
    remind(at(late, hour=6))
    (email,) = [m for m in mailoutbox if "overdue" in m.subject]
    assert email.to == [office.csm_t1.email]  # the team manager of T1 holds it to allocate


def test_a_stopped_clock_sends_no_reminder(office, mailoutbox):
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    services.stop_clock(actor=office.sw_t1, request=request, reason="consent")
    late = add_working_days(datetime.now().date(), 25).due
    counts = remind(at(late, hour=6))
    assert counts["overdue"] == 0 and counts["due_soon"] == 0


def test_an_extension_is_reminded_afresh_for_its_new_date(office, mailoutbox):
    set_limit("csm_decision", 1)
    request = forwarded(office, office.closed_case())
    today = datetime.now().date()
    remind(at(today, hour=6))
    assert Reminder.objects.filter(kind="due_soon").count() == 1
    new_due = add_working_days(today, 2).due
    services.extend(
        actor=office.csm_t1, request=request, stage="csm_decision", new_due=new_due, reason="Ill."
    )
    remind(at(today, hour=6))
    assert sorted(Reminder.objects.values_list("due", flat=True)) == sorted(
        [add_working_days(today, 1).due, new_due]
    )


def test_the_daily_digest_goes_once_a_working_day_from_seven(office, mailoutbox):
    forwarded(office, office.open_case(worker=office.sw_t1))
    forwarded(office, office.closed_case())
    day = add_working_days(datetime.now().date(), 1).due
    assert remind(at(day, hour=6))["digest"] == 0
    assert remind(at(day, hour=7))["digest"] == 2
    assert remind(at(day, hour=15))["digest"] == 0
    digests = [m for m in mailoutbox if "waiting on you" in m.subject]
    assert sorted(m.to[0] for m in digests) == sorted([office.sw_t1.email, office.csm_t1.email])
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    assert remind(at(saturday, hour=9))["digest"] == 0


def test_a_digest_lists_the_most_urgent_and_says_how_many_more_wait(
    office, mailoutbox, monkeypatch
):
    # A digest stays short however much waits: the most urgent, then a count.
    monkeypatch.setattr(reminders, "DIGEST_ROWS", 1)
    sooner = forwarded(office, office.closed_case())
    later = forwarded(office, office.closed_case())
    set_limit("csm_decision", 30)
    services.extend(
        actor=office.csm_t1,
        request=later,
        stage="csm_decision",
        new_due=add_working_days(datetime.now().date(), 40).due,
        reason="Waiting for the file.",
    )
    day = add_working_days(datetime.now().date(), 1).due
    remind(at(day, hour=7))
    (digest,) = [m for m in mailoutbox if m.to == [office.csm_t1.email] and "waiting" in m.subject]
    assert digest.subject.startswith("Disclose: 2 tasks waiting on you")
    assert sooner.reference in digest.body and later.reference not in digest.body
    assert "There is 1 more, less urgent." in digest.body


def test_the_job_reads_exactly_the_stages_close_enough_to_remind():
    # The job asks the database only for stages due by remind_by(today): that
    # must be every stage the rule reminds (within REMIND_BEFORE working days),
    # across weekends, bank holidays and the turn of the year.
    start = datetime(2026, 12, 1).date()
    for offset in range(60):
        today = start + timedelta(days=offset)
        last = reminders.remind_by(today)
        for ahead in range(0, 20):
            due = today + timedelta(days=ahead)
            close = working_days_between(today, due) <= reminders.REMIND_BEFORE
            assert (due <= last) == close, (today, due)


def test_a_request_logged_through_the_api_is_reminded_to_the_scimts_mailbox(office, mailoutbox):
    # The API's client account holds the request at intake and has no mailbox:
    # the work is the SCIMT's, so its reminder goes to the SCIMT's mailbox.
    request, _ = logged_through_the_api()
    assert remind(at(datetime.now().date(), hour=6))["due_soon"] == 1
    profile = CouncilProfile.current()
    (email,) = [m for m in mailoutbox if request.reference in m.subject]
    assert email.to == [profile.scimt_email]
    assert email.body.startswith(f"Dear {profile.scimt_name},")


def test_escalating_overdue_intake_held_by_api_clients_reads_no_more_as_more_is_overdue(office):
    # Overdue intake an API client holds goes to the SCIMT's manager, found
    # once a run: each overdue stage costs only the writing of its reminder.
    scimt_team = make_team("SCIMT", "other", name="SCIMT")
    scimt_team.team_manager = make_staff("im_scimt", "team_manager", team=scimt_team)
    scimt_team.save()
    office.scimt.team = scimt_team
    office.scimt.save()
    received = datetime.now().date()
    late = at(add_working_days(received, 25).due, hour=6)  # before the digest

    logged_through_the_api(received=received)
    few, few_reads = _escalated_and_read(late)
    for n in range(3):
        logged_through_the_api(received=received, portal=f"Police portal {n}")
    more, more_reads = _escalated_and_read(late)

    assert few >= 1 and more == 4 * few
    assert len(more_reads) == len(few_reads), "\n".join(q["sql"][:90] for q in more_reads)
    assert Reminder.objects.count() == 0  # each run was rolled back


def _escalated_and_read(now: datetime) -> tuple[int, list[dict]]:
    """How many overdue reminders a run writes, and the queries it makes other
    than writing each one (its row, its email in the outbox and the task that
    delivers it, and the council profile its words are rendered with). Rolled
    back, so the next run writes them all again."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as run:
            overdue = reminders.send_reminders(now=now)["overdue"]
        transaction.set_rollback(True)
    writing = ('"casework_reminder"', '"outbox_', '"django_tasks', '"council_councilprofile"')
    return overdue, [q for q in run.captured_queries if not _writes(q["sql"], writing)]


def _writes(sql: str, tables: tuple[str, ...]) -> bool:
    """A savepoint, or a query on one of these tables (not one that only
    looks into them in its WHERE clause)."""
    return "SAVEPOINT" in sql or any(t in sql.split(" WHERE ")[0] for t in tables)
