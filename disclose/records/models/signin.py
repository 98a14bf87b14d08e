"""Failed sign-ins, counted for the lockout (web/signin/lockout.py).

One row for each failure against an account (the username as typed) and one
against the client address. Rows older than the lockout window are removed,
and a successful sign-in removes the account's. The audit trail records every
attempt as well; nothing reads it to decide (issue 15).
"""

from django.db import models


class SignInFailure(models.Model):
    class Scope(models.TextChoices):
        ACCOUNT = "account", "Account"
        ADDRESS = "address", "Client address"

    scope = models.CharField(max_length=10, choices=Scope.choices)
    key = models.CharField(max_length=150)  # the normalised username, or the address
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]

    def __str__(self) -> str:
        return f"failed sign-in for {self.scope} {self.key} at {self.at:%Y-%m-%d %H:%M}"
