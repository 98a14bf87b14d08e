from django.db import models

from .people import Person


class Episode(models.Model):
    """A period of involvement with children's social care (SSD `ssd_cin_episodes`).

    Open while `end` is empty. `team` and `worker` are where the case was last
    allocated (from `ssd_involvements`), which is what routing reads (2.1).
    """

    referral_id = models.CharField(max_length=64, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="episodes")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    close_reason = models.CharField(max_length=200, blank=True)
    referral_team = models.ForeignKey(
        "records.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "records.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="episodes",
        help_text="The team the case was last allocated to.",
    )
    worker = models.ForeignKey(
        "records.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="episodes",
        help_text="The allocated worker; empty when an open case is unallocated.",
    )

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"Episode {self.referral_id}"

    @property
    def is_open(self) -> bool:
        return self.end is None


class Involvement(models.Model):
    """An allocation of a worker to a case (SSD `ssd_involvements`)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    episode = models.ForeignKey(
        Episode, null=True, blank=True, on_delete=models.CASCADE, related_name="involvements"
    )
    worker = models.ForeignKey("records.Staff", null=True, blank=True, on_delete=models.SET_NULL)
    role = models.CharField(max_length=64, blank=True)
    team = models.ForeignKey("records.Team", null=True, blank=True, on_delete=models.PROTECT)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "episode", "worker", "start"], name="unique_involvement"
            )
        ]

    def __str__(self) -> str:
        return f"Involvement of {self.worker_id or 'no worker'} with person {self.person_id}"


class CPPlan(models.Model):
    """A child protection plan (SSD `ssd_cp_plans`): the child protection history."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cp_plans")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["person", "start"], name="unique_cp_plan")]

    def __str__(self) -> str:
        return f"Child protection plan from {self.start}"


class Contact(models.Model):
    """A contact (SSD `ssd_contacts`). A person whose only involvement is a
    contact is a MASH enquiry, routed to the MASH CSM (2.1.2)."""

    contact_id = models.CharField(max_length=64, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField()
    outcome = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Contact {self.contact_id}"
