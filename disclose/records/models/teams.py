from django.db import models


class Locality(models.Model):
    """A district of the county (e.g. Bassetlaw); each has its own DCPT (2.1.2)."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    class Kind(models.TextChoices):
        SOCIAL_WORK = "social_work", "Social work team"
        DCPT = "dcpt", "District Child Protection Team"
        MASH = "mash", "MASH"
        OTHER = "other", "Other"

    team_id = models.CharField("team id", max_length=64, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SOCIAL_WORK)
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.PROTECT)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    # A team that no longer exists keeps its records; 2.1.2 sends its closed
    # cases to the DCPT of its locality instead.
    active = models.BooleanField(default=True)
    closed_on = models.DateField(null=True, blank=True)
    csm = models.ForeignKey(
        "records.Staff",
        verbose_name="children's service manager",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams_as_csm",
    )
    team_manager = models.ForeignKey(
        "records.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="teams_as_manager",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
