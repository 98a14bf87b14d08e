"""The worker's job that delivers the outbox (django-tasks, database backend).

Queuing an item books the job in the same transaction (queue.py), so the
worker starts on it within its polling interval. After a run the job books its
next run for the moment the next retry falls due, so nothing waits for a step
to wake it. `disclose run-worker` books a run on start, which picks up
anything a worker left half-sent when it died.
"""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max


@task()
def deliver_outbox() -> dict[str, int]:
    """Deliver everything due now, then book the next run if anything waits."""
    from .delivery import deliver_due, next_due

    try:
        return deliver_due()
    finally:
        when = next_due()
        if when is not None:
            schedule_delivery(run_after=when)


def schedule_delivery(*, run_after: datetime | None = None) -> bool:
    """Book a delivery run, unless one is already booked at or before then.
    True if booked."""
    if run_after is not None and run_after <= timezone.now():
        run_after = None
    # A job with no run_after is stored with the latest date, and runs now.
    booked = DBTaskResult.objects.filter(
        Q(run_after__lte=run_after or timezone.now()) | Q(run_after=get_date_max()),
        task_path=deliver_outbox.module_path,
        status=TaskResultStatus.READY,
    )
    if booked.exists():
        return False
    job = deliver_outbox.using(run_after=run_after) if run_after else deliver_outbox
    job.enqueue()
    return True
