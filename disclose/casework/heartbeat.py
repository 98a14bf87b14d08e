"""The worker's heartbeat (issue 11, item 5), and how /health/ reads it.

Each worker process beats from a thread beside its job loop. Old rows (workers
that stopped a day ago) are cleared as it goes, so the table stays small.
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from .models import WorkerHeartbeat

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def beat(name: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": now})
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()


def last_seen() -> datetime | None:
    """When any worker last beat, or None if none ever has."""
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def late_after() -> timedelta:
    return timedelta(seconds=3 * settings.DISCLOSE_WORKER_HEARTBEAT_SECONDS)


def run_in_background(stop: threading.Event) -> threading.Thread:
    name = worker_name()

    def loop() -> None:
        while not stop.is_set():
            try:
                beat(name)
            except Exception:  # a passing fault (the database restarting): beat again later
                log.exception("The worker's heartbeat could not be written.")
            finally:
                close_old_connections()
            stop.wait(settings.DISCLOSE_WORKER_HEARTBEAT_SECONDS)
        WorkerHeartbeat.objects.filter(name=name).delete()  # stopped cleanly: not late
        connection.close()

    thread = threading.Thread(target=loop, name="worker-heartbeat", daemon=True)
    thread.start()
    return thread
