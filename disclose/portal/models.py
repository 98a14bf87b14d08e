"""Who may use the portal, how they signed in, and what they asked.

Nothing secret is stored as given: links, codes and session keys are kept as
keyed hashes (tokens.py).
"""

from django.db import models
from django.utils import timezone


class Professional(models.Model):
    """Someone from another agency, known by the work email they proved they
    read. Made the first time they finish signing in."""

    email = models.EmailField(unique=True)  # lower case
    created_at = models.DateTimeField(default=timezone.now)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


class SignIn(models.Model):
    """One attempt to sign in: a link and a code, sent in two emails, both
    needed, in the browser that asked for them. Used once; expires."""

    email = models.EmailField(db_index=True)
    link_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    # The cookie given to the browser that asked: the link works only there.
    browser_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    wrong_codes = models.PositiveSmallIntegerField(default=0)
    # Signed in, too many wrong codes, or given up for a newer link.
    finished_at = models.DateTimeField(null=True, blank=True)
    signed_in = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"sign-in for {self.email} at {self.created_at:%Y-%m-%d %H:%M}"


class PortalSession(models.Model):
    """A signed-in professional's session: its own cookie and table, never a
    staff session (middleware.py keeps the two apart)."""

    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"portal session of {self.professional_id} from {self.started_at:%Y-%m-%d %H:%M}"


class Submission(models.Model):
    """A request a professional asked on the portal: a draft for the SCIMT to
    confirm, like an email. Once confirmed, the draft names the request; this
    row is what makes it theirs."""

    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="submissions"
    )
    draft = models.OneToOneField(
        "intake.DraftRequest", on_delete=models.PROTECT, related_name="portal_submission"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"portal submission {self.pk} by {self.professional_id}"
