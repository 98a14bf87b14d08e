"""The worker's job that polls the SCIMT mailbox, every INTAKE_POLL_SECONDS.

Like the reminders job, it books its own next run; `disclose run-worker`
books one on start when a mailbox is configured (INTAKE_IMAP_HOST).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from . import mailbox

log = logging.getLogger(__name__)


@task()
def poll_mailbox() -> dict[str, int]:
    try:
        return mailbox.poll()
    finally:
        schedule_polling(run_after=timezone.now() + timedelta(seconds=settings.INTAKE_POLL_SECONDS))


def schedule_polling(*, run_after=None) -> bool:
    """Book a poll, unless one is already waiting. True if booked."""
    if not mailbox.configured():
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=poll_mailbox.module_path, status=TaskResultStatus.READY
    ).exists()
    if waiting:
        return False
    (poll_mailbox.using(run_after=run_after) if run_after else poll_mailbox).enqueue()
    return True
