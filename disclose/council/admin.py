"""The council profile in the admin: one row, edited in place, never deleted."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse

from disclose.audit.admin_mixins import AuditedAdminMixin

from .models import CouncilProfile
from .profile import check_value, profile_fields


class CouncilProfileForm(forms.ModelForm):
    class Meta:
        model = CouncilProfile
        # Every profile key: the admin edits what `load-profile` loads.
        fields = tuple(profile_fields())

    # The same checks as `disclose load-profile`, so both say the same thing.
    def clean_time_limits(self):
        return self._checked("time_limits")

    def clean_trusted_email_domains(self):
        return self._checked("trusted_email_domains")

    def _checked(self, key: str):
        value, problem = check_value(key, self.cleaned_data.get(key), getattr(self.instance, key))
        if problem:
            sentence = problem.split(": ", 1)[-1]
            raise forms.ValidationError(sentence[:1].upper() + sentence[1:])
        return value


@admin.register(CouncilProfile)
class CouncilProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = CouncilProfileForm
    fieldsets = (
        (None, {"fields": ("council_name", "records_system_name", "police_protocol_annex")}),
        ("SCIMT", {"fields": ("scimt_name", "scimt_phone", "scimt_email")}),
        (
            "Own records and adoption records",
            {
                "fields": (
                    "complaints_team_name",
                    "subject_access_email",
                    "customer_service_centre",
                    "adoption_records_manager",
                    "adoption_records_email",
                    "adoption_records_phone",
                )
            },
        ),
        (
            "Where requests are redirected",
            {
                "fields": (
                    "legal_services_name",
                    "legal_services_email",
                    "legal_services_phone",
                    "support_to_schools_name",
                    "support_to_schools_email",
                    "mash_name",
                    "mash_phone",
                    "mash_email",
                    "view_records_procedure",
                    "microfilm_holder",
                )
            },
        ),
        ("Messages to the requestor", {"fields": ("decline_message",)}),
        (
            "Limits",
            {"fields": ("time_limits", "trusted_email_domains", "retention_years")},
        ),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "time_limits" in form.changed_data:
            self.message_user(
                request,
                "The new time limits apply now to each request's page. My work, the "
                "dashboard and reminders use them within a few minutes, once every "
                "request's due dates are worked out again.",
                messages.INFO,
            )

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not CouncilProfile.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        # There is only ever one profile: go straight to it.
        profile = CouncilProfile.current()
        return redirect(reverse("admin:council_councilprofile_change", args=[profile.pk]))
