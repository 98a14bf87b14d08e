"""Append-only, hash-chained audit events (DESIGN.md, audit/).

Every change and every view of a person's record is one event. It is written
at once with a keyed MAC of its own content (`mac`), and takes no lock. Within
seconds the sequencer in the worker gives it its place in the chain (`seq`)
and a keyed hash over that place, its MAC and the previous event's hash, so
altering or removing any row breaks the chain from that point, and signed
checkpoints outside the database show truncation (`disclose audit verify`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class AuditEvent(models.Model):
    class Category(models.TextChoices):
        CHANGE = "change", "Change"
        ACCESS = "access", "Access"

    # The place in the chain: empty until the sequencer chains the event.
    seq = models.BigIntegerField(unique=True, null=True, blank=True)
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
    mac = models.CharField(max_length=64, default="")
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        # The order written; the chain's order (seq) follows it within seconds.
        ordering = ["id"]
        indexes = [
            models.Index(fields=["person", "at"]),
            models.Index(fields=["actor", "at"]),
            # Only the few events still waiting: the sequencer finds them at once.
            models.Index(
                fields=["id"], condition=Q(seq__isnull=True), name="audit_event_unchained"
            ),
        ]

    def __str__(self) -> str:
        place = self.seq if self.seq is not None else f"#{self.pk} (not yet chained)"
        return f"audit event {place}: {self.event_type}"


class ChainHead(models.Model):
    """One row, locked only by the sequencer while it chains waiting events,
    so the chain has no forks however many workers run at once."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain head at event {self.seq}"
