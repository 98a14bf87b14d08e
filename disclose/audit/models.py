"""Append-only, hash-chained audit events (DESIGN.md, audit/).

Every change and every view of a person's record is one event. Each event's
hash covers its own content and the previous event's hash, so altering or
removing any row breaks the chain from that point (`disclose audit verify`).
"""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    class Category(models.TextChoices):
        CHANGE = "change", "Change"
        ACCESS = "access", "Access"

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    category = models.CharField(max_length=10, choices=Category.choices)
    event_type = models.CharField(max_length=60, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # No database constraint: purging a person under the retention rules must
    # not rewrite (and so break) the events that record who saw them.
    person = models.ForeignKey(
        "records.Person",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    request_reference = models.CharField(max_length=40, blank=True, db_index=True)
    detail = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["person", "at"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"audit event {self.seq}: {self.event_type}"


class ChainHead(models.Model):
    """One row, locked while an event is appended, so the chain has no forks
    however many processes write at once."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head at event {self.seq}"
