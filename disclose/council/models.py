"""The council profile: the contacts, names and limits the procedure uses.

One row. Its defaults are the values in the procedure; another council loads
its own from a file (`disclose load-profile FILE.yaml`) with no code change.
"""

from django.db import models

from .defaults import DEFAULT_PROFILE


def _default(field: str):
    return DEFAULT_PROFILE[field]


class CouncilProfile(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    council_name = models.CharField(max_length=200, default=_default("council_name"))
    records_system_name = models.CharField(
        max_length=100,
        default=_default("records_system_name"),
        help_text="The name of the electronic social care record, as staff say it.",
    )
    police_protocol_annex = models.CharField(
        max_length=100,
        default=_default("police_protocol_annex"),
        help_text="The annex of the police disclosure protocol (the procedure says Annex C).",
    )
    scimt_name = models.CharField(max_length=200, default=_default("scimt_name"))
    scimt_phone = models.CharField(max_length=40, default=_default("scimt_phone"))
    scimt_email = models.EmailField(default=_default("scimt_email"))
    complaints_team_name = models.CharField(
        max_length=200, default=_default("complaints_team_name")
    )
    subject_access_email = models.EmailField(default=_default("subject_access_email"))
    customer_service_centre = models.CharField(
        max_length=200, blank=True, default=_default("customer_service_centre")
    )
    adoption_records_manager = models.CharField(
        max_length=300, default=_default("adoption_records_manager")
    )
    adoption_records_email = models.EmailField(
        blank=True, default=_default("adoption_records_email")
    )
    adoption_records_phone = models.CharField(
        max_length=40, blank=True, default=_default("adoption_records_phone")
    )
    legal_services_name = models.CharField(max_length=200, default=_default("legal_services_name"))
    legal_services_email = models.EmailField(blank=True, default=_default("legal_services_email"))
    legal_services_phone = models.CharField(
        max_length=40, blank=True, default=_default("legal_services_phone")
    )
    support_to_schools_name = models.CharField(
        max_length=200, default=_default("support_to_schools_name")
    )
    support_to_schools_email = models.EmailField(
        blank=True, default=_default("support_to_schools_email")
    )
    mash_name = models.CharField(max_length=200, default=_default("mash_name"))
    mash_phone = models.CharField(max_length=40, blank=True, default=_default("mash_phone"))
    mash_email = models.EmailField(blank=True, default=_default("mash_email"))
    view_records_procedure = models.CharField(
        max_length=200, default=_default("view_records_procedure")
    )
    microfilm_holder = models.CharField(max_length=200, default=_default("microfilm_holder"))
    decline_message = models.TextField(
        default=_default("decline_message"),
        help_text="What the requestor is told when a CSM declines and writes no message of "
        "their own. The CSM's reason is never sent.",
    )
    # Working days allowed for each stage, e.g. {"acknowledge": 2, "basic_facts": 5}.
    time_limits = models.JSONField(default=dict)
    trusted_email_domains = models.JSONField(
        default=list,
        blank=True,
        help_text="Email domains the council trusts for requestors, e.g. police.uk.",
    )
    retention_years = models.PositiveSmallIntegerField(default=_default("retention_years"))

    class Meta:
        verbose_name = "council profile"

    def __str__(self) -> str:
        return self.council_name

    @classmethod
    def current(cls) -> "CouncilProfile":
        profile, _ = cls.objects.get_or_create(
            id=1,
            defaults={
                "time_limits": DEFAULT_PROFILE["time_limits"],
                "trusted_email_domains": DEFAULT_PROFILE["trusted_email_domains"],
            },
        )
        return profile
