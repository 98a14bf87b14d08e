"""A request that arrived by email, waiting for the SCIMT officer."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DraftRequest(models.Model):
    """What Disclose read from one email. `read_from_email` names the fields
    that came from the email (the officer sees which), and `documents` the
    stored files: the original message and its attachments."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Waiting for the SCIMT to confirm"
        QUARANTINED = "quarantined", "Set aside: not safe to open"
        CONFIRMED = "confirmed", "Confirmed and logged as a request"
        DISCARDED = "discarded", "Discarded: not a request"

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # The email's own Message-ID: a message seen before is ignored.
    message_id = models.CharField(max_length=500, unique=True)
    source = models.CharField(max_length=20)  # mailbox, file, form
    received_at = models.DateTimeField(default=timezone.now)
    from_address = models.CharField(max_length=320, blank=True)
    email_subject = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)

    requestor_name = models.CharField(max_length=200, blank=True)
    requestor_email = models.CharField(max_length=320, blank=True)
    requestor_phone = models.CharField(max_length=40, blank=True)
    requestor_role = models.CharField(max_length=200, blank=True)
    requestor_agency = models.CharField(max_length=40, blank=True)
    # The sender's domain is not one the council trusts: check identity closely.
    untrusted_domain = models.BooleanField(default=False)
    subjects = models.JSONField(default=list)  # [{"forename", "surname", "dob"}]
    read_from_email = models.JSONField(default=list)
    documents = models.JSONField(default=list)  # [{"title", "name", "storage_name", ...}]
    # A request asked on the agency portal (source "portal") comes with every
    # answer of the intake form, in the form's own field names: nothing to retype.
    answers = models.JSONField(default=dict, blank=True)

    quarantine_reason = models.TextField(blank=True)
    request_reference = models.CharField(max_length=40, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.email_subject or '(no subject)'} from {self.from_address}"
