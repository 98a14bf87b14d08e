"""Documents: files kept for a request, and the person's documents (2.2).

The file itself lives under settings.DOCUMENTS_ROOT (outside the web root),
under a generated name; this row says what it is, whose it is and its
SHA-256 checksum, checked again whenever it is read (casework/document_store.py).
"""

from django.conf import settings
from django.db import models

from .requests import Request, RequestSubject


class Document(models.Model):
    title = models.CharField(max_length=300)
    original_name = models.CharField(max_length=255, help_text="As uploaded; never used on disk.")
    # Found from the content, not the name (issue 4, item 5).
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=64, unique=True, editable=False)

    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "records.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    # 2.2: "uploading to Documents if necessary as requested by CSM".
    on_person_record = models.BooleanField(default=False)
    # 2.1.2.2: "put a copy of the information provided in documents on the record".
    supplied = models.ForeignKey(
        "casework.SuppliedInformation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(null=True, blank=True)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.extension.upper()})"

    @property
    def download_name(self) -> str:
        """The title as a safe file name, with the extension its content has."""
        stem = "".join(c if c.isalnum() or c in " -_." else "_" for c in self.title).strip(" .")
        return f"{stem[:80] or 'document'}.{self.extension}"
