"""An overdue task is escalated to the holder's manager by email, through the
real background worker: the job waits in the database and django-tasks'
database worker (`disclose run-worker --batch`) takes it from there, claims it,
runs it and records the result (issue 7, item 3). The emails go to a real SMTP
server on localhost.

The worker runs in this process, inside the test's transaction, so the test
leaves the database as it found it (a transactional test's flush would take
away the roles the migrations made, from the tests that run after it). Only
its between-jobs `close_old_connections` is held back: it would close the
connection that holds the test's transaction."""

import signal
from datetime import date
from unittest import mock

import pytest
from casework_factories import build_office, logged_through_the_api, make_staff, make_team, receive
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from disclose.casework.models import Reminder
from disclose.casework.tasks import send_reminders
from disclose.council.models import CouncilProfile


def run_worker():
    """`disclose run-worker --batch` in this process: it runs every job due now,
    then stops. The worker sets its own signal handlers; put ours back."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("run_worker", batch=True, interval=0, verbosity=0)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


@pytest.mark.django_db
def test_an_overdue_task_is_escalated_to_the_holders_manager_through_the_worker(smtp):
    office = build_office()
    scimt_team = make_team("SCIMT", "other", name="SCIMT")
    manager = make_staff("tm_scimt", "team_manager", team=scimt_team, first_name="Morgan")
    scimt_team.team_manager = manager
    scimt_team.save()
    office.scimt.team = scimt_team
    office.scimt.save()
    # Received weeks ago and never acknowledged: overdue with the SCIMT officer.
    request = receive(office, None, received=date(2026, 11, 2))

    send_reminders.enqueue()
    jobs = {"disclose.casework.tasks.send_reminders", "disclose.outbox.tasks.deliver_outbox"}
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()

    done = DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("task_path", flat=True)
    assert set(done) == jobs  # the reminders queued the emails; the outbox sent them
    to_manager = [(to, m) for to, m in smtp.emails() if to == [manager.email]]
    subjects = [m["Subject"] for _, m in to_manager]
    assert any(
        s.startswith(f"{request.reference}: overdue with {office.scimt.display_name}")
        for s in subjects
    ), subjects
    body = to_manager[0][1].get_payload(decode=True).decode()
    assert "Acknowledge the request" in body or "Share the basic facts" in body
    assert not [
        m for to, m in smtp.emails() if to == [office.scimt.email] and "overdue" in m["Subject"]
    ]
    overdue = Reminder.objects.filter(kind="overdue", staff=manager)
    assert overdue.count() == len(to_manager)
    assert all(r.outgoing.status == "delivered" for r in overdue)

    # The job booked its next run for later; running the worker again now sends nothing twice.
    (next_run,) = DBTaskResult.objects.filter(status="READY")
    assert next_run.run_after > timezone.now()
    count = len(smtp.envelopes)
    send_reminders.enqueue()
    run_worker()
    assert len(smtp.envelopes) == count
    assert Reminder.objects.filter(kind="overdue", staff=manager).count() == len(to_manager)


@pytest.mark.django_db
def test_an_api_clients_overdue_intake_is_escalated_to_the_scimts_manager(smtp):
    # The SCIMT is responsible for intake (section 1: the first point of
    # contact; 2.1: "A request is received by SCIMT"), so overdue intake that
    # the API's client account holds goes to the SCIMT's manager.
    office = build_office()
    scimt_team = make_team("SCIMT", "other", name="SCIMT")
    manager = make_staff("im_scimt", "team_manager", team=scimt_team, first_name="Morgan")
    scimt_team.team_manager = manager
    scimt_team.save()
    office.scimt.team = scimt_team
    office.scimt.save()
    other = make_team("BS", "other", name="Business support")
    other.team_manager = make_staff("tm_bs", "team_manager", team=other)
    other.save()
    request, client = logged_through_the_api(received=date(2026, 11, 2))

    send_reminders.enqueue()
    run_worker()

    to_manager = [m for to, m in smtp.emails() if to == [manager.email]]
    subjects = [m["Subject"] for m in to_manager]
    assert any(
        s.startswith(f"{request.reference}: overdue with {client.display_name}") for s in subjects
    ), subjects
    body = to_manager[0].get_payload(decode=True).decode()
    assert body.startswith(f"Dear {manager.display_name},")
    assert "Acknowledge the request" in body or "Share the basic facts" in body
    overdue = Reminder.objects.filter(kind="overdue", request=request)
    assert {r.staff for r in overdue} == {manager}
    assert all(r.outgoing.status == "delivered" for r in overdue)
    assert not [m for to, m in smtp.emails() if to == [other.team_manager.email]]


@pytest.mark.django_db
def test_with_no_scimt_manager_recorded_the_overdue_intake_goes_to_the_scimts_mailbox(smtp):
    # Nobody manages the SCIMT in the records: the SCIMT itself still hears
    # that its intake is overdue, rather than nobody at all.
    build_office()
    request, client = logged_through_the_api(received=date(2026, 11, 2))

    send_reminders.enqueue()
    run_worker()

    profile = CouncilProfile.current()
    overdue = [
        m for to, m in smtp.emails() if to == [profile.scimt_email] and "overdue" in m["Subject"]
    ]
    assert overdue and overdue[0]["Subject"].startswith(
        f"{request.reference}: overdue with {client.display_name}"
    )
    assert Reminder.objects.filter(kind="overdue", request=request, staff=client).exists()
