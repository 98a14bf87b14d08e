"""One row per thing that leaves Disclose, and where its delivery stands."""

from django.db import models
from django.utils import timezone


class Outgoing(models.Model):
    """An email or a record-system entry, waiting, delivered or failed.

    `key` is the idempotency key the receiver sees: the email's Message-ID, or
    the record-system entry's id. A worker claims a row by setting `claim` and
    `claimed_until`; a worker that dies mid-send leaves the row `sending`, and
    once `claimed_until` has passed any worker takes it again.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        RECORD_SYSTEM = "record_system", "Record system"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed: not delivered"
        NO_ADDRESS = "no_address", "No email address: kept, not sent"

    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    # What it is, in a word: requestor, staff, reminder, alert, case_note, document.
    kind = models.CharField(max_length=20)
    # Where it came from ("message:12", "case_note:7"), so it is queued once.
    source = models.CharField(max_length=60, blank=True, db_index=True)
    description = models.CharField(max_length=300)
    request_reference = models.CharField(max_length=40, blank=True, db_index=True)
    person = models.ForeignKey(
        "records.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payload = models.JSONField()

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim = models.UUIDField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # Administrators were told it keeps failing (alerts.py): once per item.
    alerted = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name_plural = "outgoing"

    def __str__(self) -> str:
        return f"{self.description} ({self.get_status_display()})"

    @property
    def unfinished(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.SENDING)
