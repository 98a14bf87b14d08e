"""The disclosure log (issue 3, item 6) and the copy of what was supplied."""

from django.conf import settings
from django.db import models

from .requests import Request, RequestSubject


class Disclosure(models.Model):
    """One disclosure: what, to whom, when, on what basis, by whom."""

    class Kind(models.TextChoices):
        BASIC_INFORMATION = "basic_information", "Basic information (section 1)"
        NOT_KNOWN = "not_known", "Not known (section 1)"
        WORKER_DETAILS = "worker_details", "Worker's details (2.1.1, 2.3)"
        CONTACT_MASH = "contact_mash", "Known, closed: contact the MASH (2.3)"
        TEAM_DETAILS = "team_details", "Open, no worker: the team's details (2.3)"
        INFORMATION_SUPPLIED = "information_supplied", "Information supplied"
        HARD_COPIES_SENT = "hard_copies_sent", "Hard copies sent (2.2)"

    class Basis(models.TextChoices):
        CONSENT = "consent", "The individual's consent, held by the requestor"
        LAWFUL_BASIS = "lawful_basis", "A recorded lawful basis"
        # Basic facts and a worker's contact details are shared by SCIMT under
        # section 1 of the procedure once the requestor's identity is checked.
        PROCEDURE_SECTION_1 = "procedure_section_1", "Basic facts shared under section 1"

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="disclosures")
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "records.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    what = models.TextField()
    to_name = models.CharField(max_length=200)
    to_agency = models.CharField(max_length=20)
    to_email = models.EmailField(blank=True)
    disclosed_at = models.DateTimeField()
    basis = models.CharField(max_length=30, choices=Basis.choices)
    basis_detail = models.JSONField(default=dict, blank=True)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["disclosed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_name} ({self.disclosed_at:%Y-%m-%d})"


class SuppliedInformation(models.Model):
    """The copy of what was supplied, kept on the person's record (2.1.2.2): the
    summary, and the documents themselves (Document.supplied, filed on the
    record). It belongs to the person's record, so the retention purge of the
    request keeps it, no longer linked to the request (casework/retention.py)."""

    person = models.ForeignKey(
        "records.Person", on_delete=models.PROTECT, related_name="supplied_information"
    )
    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.PROTECT, related_name="supplied"
    )
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The request's reference, kept once the request itself is purged.
    request_reference = models.CharField(max_length=20, blank=True)
    summary = models.TextField()
    documents = models.JSONField(default=list, blank=True, help_text="Titles of the documents.")
    supplied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    supplied_at = models.DateTimeField()

    class Meta:
        ordering = ["supplied_at", "id"]

    def __str__(self) -> str:
        return f"Supplied for {self.request_id} on {self.supplied_at:%Y-%m-%d}"
