"""The worker's heartbeat (issue 11, item 5): each `disclose run-worker` writes
the time every few seconds, so /health/ can say whether any worker is running."""

from django.db import models


class WorkerHeartbeat(models.Model):
    # host:pid, one row per worker process; a restarted worker adds a row.
    name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.name} at {self.seen_at:%H:%M:%S}"
