"""Machine clients' tokens, and the counts that limit how fast each may call.

A token's secret is shown once, when it is issued, and only its SHA-256 hash
is kept: the secret is 32 random bytes, so a fast hash is enough (a slow one
is for passwords people choose). Each token acts through a member of staff of
its own (`client`), named after it, so that the audit trail names the client
that did something, as it names staff; that account has no roles and cannot
sign in.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    name = models.CharField(
        max_length=100, unique=True, help_text="Who uses it, e.g. Police portal"
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(default=list)
    client = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token", editable=False
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    issued_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    per_minute = models.PositiveIntegerField(
        default=120, help_text="Calls a minute before it is asked to wait"
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API token"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.expires_at > timezone.now() else "expired"


class RateWindow(models.Model):
    """Calls one token made in one minute. In the database, so the limit holds
    however many app processes serve the API (DESIGN.md: scale out)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    started = models.DateTimeField()
    calls = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "started"], name="api_one_window_per_minute")
        ]

    def __str__(self) -> str:
        return f"{self.token_id} {self.started:%H:%M}: {self.calls}"
