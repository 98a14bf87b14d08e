from django.db import models

from .people import Person


class Holding(models.Model):
    """Paper files or microfilm held for a person, and where they are kept."""

    class Kind(models.TextChoices):
        PAPER = "paper", "Paper files"
        MICROFILM = "microfilm", "Microfilm"

    class Status(models.TextChoices):
        IN_STORAGE = "in_storage", "In storage"
        REQUESTED = "requested", "Requested"
        RETRIEVED = "retrieved", "Out of storage"

    holding_id = models.CharField(max_length=64, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="holdings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    location = models.CharField(max_length=200, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    # Kept up to date by casework's file movements; the movements are the history.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_STORAGE)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()


class CaseNote(models.Model):
    """A case note on a person's record: who, what, why (the procedure's
    "case note on Framework")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="case_notes")
    author = models.ForeignKey("records.Staff", null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()
    # The request the note was written for, by reference, so records/ does not
    # depend on casework/.
    request_reference = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Case note {self.pk} on person {self.person_id}"
