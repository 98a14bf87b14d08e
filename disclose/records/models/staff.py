from django.contrib.auth.models import AbstractUser
from django.db import models

from disclose.prepared import Prepared
from disclose.procedure.roles import ROLES


class Role(models.Model):
    """A role in the procedure. A member of staff may hold several."""

    # The procedure's list of roles (procedure/roles.py), as choices.
    Code = models.TextChoices(
        "Code", [(code.upper(), (code, label)) for code, label in ROLES.items()]
    )

    code = models.CharField(max_length=40, primary_key=True, choices=Code.choices)

    def __str__(self) -> str:
        return self.get_code_display()


class Staff(AbstractUser):
    """A member of the council's staff: a login, one or more roles and a team.

    Workers in an imported extract become Staff too (without a usable password
    until an administrator gives them one), so that a request can be routed to
    the worker or manager named in the record.
    """

    staff_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    professional_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    team = models.ForeignKey(
        "records.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="staff")
    # Single sign-on (issue 6): the identity provider's issuer and this person's subject
    # there, which an administrator links. Never matched on email.
    oidc_issuer = models.CharField("single sign-on issuer", max_length=255, blank=True)
    oidc_subject = models.CharField("single sign-on subject", max_length=255, blank=True)

    class Meta:
        verbose_name = "member of staff"
        verbose_name_plural = "staff"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_issuer", "oidc_subject"],
                condition=~models.Q(oidc_subject=""),
                name="staff_one_per_oidc_identity",
            )
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def role_codes(self) -> frozenset[str]:
        """The codes of this person's roles; cached for the life of the object.
        Every signed-in page asks: a read prepared once, unless they were
        read already with the person (prefetch_related)."""
        if not hasattr(self, "_role_codes"):
            if self.pk is None or "roles" in getattr(self, "_prefetched_objects_cache", {}):
                self._role_codes = frozenset(r.code for r in self.roles.all())
            else:
                self._role_codes = frozenset(ROLE_CODES.rows(staff=self.pk))
        return self._role_codes

    def has_role(self, code: str) -> bool:
        return code in self.role_codes()

    def __str__(self) -> str:
        return self.display_name


def _role_codes_of(staff: int):
    return Role.objects.filter(staff=staff).values_list("code", flat=True)


ROLE_CODES = Prepared(_role_codes_of)
