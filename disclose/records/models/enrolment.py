"""The one-time code an administrator issues when resetting someone's two-factor.

Without it, the password alone would be enough to set up a new authenticator app
after a reset, so anyone who knew the password could take the account over (issue
15, item 8). Only a salted hash of the code is kept.
"""

from django.conf import settings
from django.db import models


class EnrolmentCode(models.Model):
    staff = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_code"
    )
    code_hash = models.CharField(max_length=128)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"set-up code for {self.staff}"
