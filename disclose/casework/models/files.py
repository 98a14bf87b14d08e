"""Movements of paper files and microfilm (2.1.3.3, 2.1.3.5)."""

from django.conf import settings
from django.db import models

from .requests import Request, RequestSubject


class FileMovement(models.Model):
    """The history of a holding; `records.Holding.status` is its latest state."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", "Requested by the worker"
        RETRIEVED = "retrieved", "Retrieved from storage"
        RETURNED = "returned", "Returned to storage"

    holding = models.ForeignKey(
        "records.Holding", on_delete=models.PROTECT, related_name="movements"
    )
    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="file_movements")
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    # Who has the files while they are out of storage (issue 4, item 6).
    with_whom = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: holding {self.holding_id}"
