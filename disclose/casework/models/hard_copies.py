"""Hard copies (2.2): the worker's list, the CSM's decision, third-party
confirmation, and what business support sent, how.

Statuses and the rules for moving them are in disclose/procedure/hard_copies.py;
only casework/steps/hard_copies.py writes them.
"""

from django.conf import settings
from django.db import models

from disclose.procedure import hard_copies as rules

from .documents import Document
from .messages import Message
from .requests import Request, RequestSubject


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v.replace("_", " ").capitalize()) for v in values]


class HardCopyList(models.Model):
    """One request for hard copies: the items the worker lists for one part."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="hard_copy_lists")
    subject = models.ForeignKey(
        RequestSubject, on_delete=models.CASCADE, related_name="hard_copy_lists"
    )
    state = models.CharField(max_length=40, choices=_choices(rules.LIST_STATES), db_index=True)
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    listed_at = models.DateTimeField()
    # The CSM who must decide (section 1, note); kept even if they leave.
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hard_copy_approvals",
    )
    approver_rationale = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    upload_to_documents = models.BooleanField(default=False)
    reassigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reassigned_at = models.DateTimeField(null=True, blank=True)
    reassign_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["listed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=list(rules.LIST_STATES)), name="hard_copy_list_state"
            )
        ]

    def __str__(self) -> str:
        return f"Hard copies for {self.request_id} subject {self.subject_id} ({self.state})"


class Dispatch(models.Model):
    """One sending of approved hard copies by business support (2.2)."""

    class Method(models.TextChoices):
        SECURE_EMAIL = "secure_email", "Secure email"
        CRYPTSHARE = "cryptshare", "Cryptshare"
        PORTAL = "portal", "Agency portal"

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="dispatches")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=Method.choices)
    transfer_reference = models.CharField(max_length=200, blank=True)
    to_address = models.EmailField(blank=True)
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Approved third-party items held back because not yet confirmed (2.2, NB).
    withheld = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.at:%Y-%m-%d}"

    def item_titles(self) -> list[str]:
        return [item.title for item in self.items.all()]


class HardCopyItem(models.Model):
    class How(models.TextChoices):
        EMAIL = "email", "By email"
        PHONE = "phone", "By phone"
        LETTER = "letter", "By letter"
        IN_PERSON = "in_person", "In person"

    hard_copy_list = models.ForeignKey(HardCopyList, on_delete=models.CASCADE, related_name="items")
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="hard_copies")
    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True, help_text="The date of the document.")
    third_party = models.BooleanField(default=False)
    source = models.CharField(max_length=200, blank=True, help_text="Whose information it is.")
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="hard_copy_items"
    )
    status = models.CharField(max_length=40, choices=_choices(rules.ITEM_STATUSES))

    # The originating agency's answer (2.2, NB): who, when, how; and who recorded it.
    confirmed = models.BooleanField(null=True, blank=True)
    confirmed_by_name = models.CharField(max_length=200, blank=True)
    confirmed_how = models.CharField(max_length=20, choices=How.choices, blank=True)
    confirmed_on = models.DateField(null=True, blank=True)
    confirmation_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmation_recorded_at = models.DateTimeField(null=True, blank=True)

    dispatch = models.ForeignKey(
        Dispatch, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=list(rules.ITEM_STATUSES)),
                name="hard_copy_item_status",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def facts(self) -> rules.ItemFacts:
        return rules.ItemFacts(
            self.title,
            self.status,
            self.third_party,
            self.confirmed,
            key=self.pk,
            has_file=self.document_id is not None,
        )
