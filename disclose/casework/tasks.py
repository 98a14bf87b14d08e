"""Background jobs (issue 7, item 3), on django-tasks' database backend.

The jobs wait in the database (django_tasks_db's DBTaskResult) and any number
of `disclose run-worker` processes take them, on SQLite or PostgreSQL
(DESIGN.md: nothing may assume a single process). The queue has no scheduler
of its own, so the reminders job books its next run when it runs, with
`run_after`, and `disclose run-worker` books one on start if none is waiting.
"""

import logging
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from . import deadlines_stored, reminders

log = logging.getLogger(__name__)

EVERY = timedelta(hours=1)


@task()
def send_reminders() -> dict[str, int]:
    """Reminders before due, escalation when overdue, the daily digest; then
    book the next run."""
    try:
        return reminders.send_reminders()
    finally:
        schedule_reminders(run_after=_next_hour(timezone.now()))


@task()
def rewrite_due_dates() -> int:
    """Every request's stored due dates, again: the council's time limits
    changed (time_limits_changed.py). Returns how many requests."""
    return deadlines_stored.store_all()


def schedule_reminders(*, run_after: datetime | None = None) -> bool:
    """Book the reminders job, unless a run is already waiting. True if booked."""
    waiting = DBTaskResult.objects.filter(
        task_path=send_reminders.module_path, status=TaskResultStatus.READY
    ).exists()
    if waiting:
        return False
    job = send_reminders.using(run_after=run_after) if run_after else send_reminders
    job.enqueue()
    return True


def _next_hour(now: datetime) -> datetime:
    """The start of the next hour: runs stay on the hour however long one takes."""
    return now.replace(minute=0, second=0, microsecond=0) + EVERY
