"""What the requestor is told, and what staff are told, by email.

Each is kept whatever happens to the email: the text is written inside the
step's transaction, with the email itself in the outbox (disclose/outbox/),
which says whether it has gone.
"""

from django.conf import settings
from django.db import models

from .requests import Request, RequestSubject


class MessageKind(models.TextChoices):
    # The spec's list (spec/scenarios.md, messages[].kind).
    BASIC_INFORMATION = "basic_information", "Basic information"
    NOT_KNOWN = "not_known", "Not known"
    WORKER_DETAILS = "worker_details", "Worker's details"
    CONTACT_MASH = "contact_mash", "Contact the MASH"
    TEAM_DETAILS = "team_details", "Team's details"
    DECISION_DECLINED = "decision_declined", "Request declined"
    INFORMATION_SUPPLIED = "information_supplied", "Information supplied"
    ADVISE_VIEW_RECORDS = "advise_view_records", "Advised to view records"
    REDIRECT_SUBJECT_ACCESS = "redirect_subject_access", "Redirected: own records"
    REDIRECT_ADOPTION_RECORDS = "redirect_adoption_records", "Redirected: adoption records"
    REDIRECT_VIEW_RECORDS = "redirect_view_records", "Redirected: view records"
    REDIRECT_SUPPORT_TO_SCHOOLS = "redirect_support_to_schools", "Redirected: Support to Schools"
    CONTACT_LEGAL_SERVICES = "contact_legal_services", "Contact Legal Services"
    HARD_COPIES_REFUSED = "hard_copies_refused", "Hard copies refused"
    HARD_COPIES_SENT = "hard_copies_sent", "Hard copies sent"
    IDENTITY_NOT_VERIFIED = "identity_not_verified", "Identity not verified"
    # Contract version 2.
    WITHDRAWAL_ACKNOWLEDGED = "withdrawal_acknowledged", "Withdrawal acknowledged"


class Message(models.Model):
    """An email to the requestor."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="messages")
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=40, choices=MessageKind.choices)
    to_address = models.EmailField(blank=True)
    subject_line = models.CharField(max_length=200)
    text = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    outgoing = models.OneToOneField(
        "outbox.Outgoing", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class StaffNotification(models.Model):
    """An email to a member of staff when a task lands on them. Imported staff
    may have no email address: the notification is then kept, not sent."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="notifications")
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40)
    to_address = models.EmailField(blank=True)
    subject_line = models.CharField(max_length=200)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    outgoing = models.OneToOneField(
        "outbox.Outgoing", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_address or self.staff_id}"
