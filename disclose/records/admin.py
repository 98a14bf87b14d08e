"""The admin for staff, teams and localities, and a read-only look at imported records.

Administrators keep staff, teams and localities up to date (DESIGN.md, who
uses it). Persons, episodes and holdings come from the records import, so here
they can be read, not edited.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse

from disclose.audit.admin_mixins import (
    AuditedAdminMixin,
    PeopleShownAreAudited,
    ReadOnlyAdmin,
    ReadOnlyInline,
    record_admin_change,
)

from .models import Episode, Holding, Locality, Person, PersonName, Staff, Team

DISCLOSE_FIELDS = ("staff_id", "professional_id", "job_title", "phone", "team", "roles")


class HasEmailFilter(admin.SimpleListFilter):
    title = "has an email address"
    parameter_name = "has_email"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(email="")
        if self.value() == "yes":
            return queryset.exclude(email="")
        return queryset


@admin.register(Staff)
class StaffAdmin(AuditedAdminMixin, UserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Name and contact", {"fields": ("first_name", "last_name", "email")}),
        ("Work", {"fields": DISCLOSE_FIELDS}),
        # is_active off = has left (prefer the list's "Mark as left" action).
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Single sign-on", {"fields": ("oidc_issuer", "oidc_subject")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        ("Name and contact", {"fields": ("first_name", "last_name", "email")}),
        ("Work", {"fields": DISCLOSE_FIELDS}),
    )
    list_display = (
        "username",
        "first_name",
        "last_name",
        "team",
        "role_list",
        "email_status",
        "is_staff",
    )
    list_filter = ("roles", HasEmailFilter, "is_staff", "is_active", "team__locality")
    list_select_related = ("team",)
    # Set by sign-in and by creation, never typed; shown as text (the split date
    # and time boxes had no labels).
    readonly_fields = ("last_login", "date_joined")
    search_fields = ("username", "first_name", "last_name", "email", "staff_id")
    ordering = ("last_name", "first_name")
    filter_horizontal = ()
    actions = ["reset_two_factor", "mark_as_left"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.action(
        description="Reset two-factor: they set up a new authenticator app with a one-time code"
    )
    def reset_two_factor(self, request, queryset):
        """For a lost or replaced phone. The key itself is never shown here; the
        one-time set-up code is shown once, on this page, and never kept in clear."""
        from disclose.records import twofactor

        codes = []
        for staff in queryset.order_by("last_name", "first_name"):
            codes.append((staff, twofactor.reset(staff, by=request.user)))
            record_admin_change(request, staff, "two_factor_reset", ["two_factor"])
        context = {
            **self.admin_site.each_context(request),
            "title": "Two-factor reset: set-up codes",
            "codes": codes,
            "days": twofactor.ENROLMENT_CODE_DAYS,
        }
        return TemplateResponse(request, "admin/records/staff/set_up_codes.html", context)

    @admin.action(
        description="Mark as left: their work waits, shown as held by someone who has left"
    )
    def mark_as_left(self, request, queryset):
        """The staff_leaves step (casework/steps/staffing.py), audited there, for
        each one chosen. Their parts stay where they are until someone reassigns
        them; My team's work shows them as 'Holder has left'."""
        from disclose.casework import services

        done, refused = [], []
        for staff in queryset.order_by("last_name", "first_name"):
            try:
                services.staff_leaves(actor=request.user, staff=staff)
            except services.StepRefused as refusal:
                refused.append(refusal.message)
            else:
                done.append(staff.display_name)
        if done:
            self.message_user(request, f"Recorded as having left: {', '.join(done)}.")
        for message in refused:
            self.message_user(request, message, level=messages.ERROR)

    @admin.display(description="email")
    def email_status(self, staff: Staff) -> str:
        # Words, not a colour or icon: they are never told of their work without one.
        return staff.email or "No email: not told of work sent to them"

    @admin.display(description="roles")
    def role_list(self, staff: Staff) -> str:
        return ", ".join(str(role) for role in staff.roles.all())

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "roles":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        # A successful change redirects; the form page itself is a 200.
        if request.method == "POST" and response.status_code == 302:
            staff = self.get_object(request, id)
            record_admin_change(request, staff, "changed", ["password"])
        return response


@admin.register(Locality)
class LocalityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Team)
class TeamAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "team_id", "kind", "locality", "active", "closed_on", "csm")
    list_filter = ("kind", "locality", "active")
    list_select_related = ("locality", "csm")
    search_fields = ("name", "team_id")
    fields = (
        "team_id",
        "name",
        "kind",
        "locality",
        "parent",
        "active",
        "closed_on",
        "csm",
        "team_manager",
    )

    # Plain selects: the admin's select2 boxes have no accessible name (axe-core,
    # issue 13); only staff in post are offered as CSM or team manager.
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("csm", "team_manager"):
            kwargs["queryset"] = Staff.objects.filter(is_active=True).order_by(
                "last_name", "first_name"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OtherNameInline(ReadOnlyInline):
    model = PersonName
    fields = ("forename", "surname", "name_type")


class EpisodeInline(ReadOnlyInline):
    model = Episode
    fk_name = "person"
    fields = ("referral_id", "start", "end", "close_reason", "team", "worker")


class HoldingInline(ReadOnlyInline):
    model = Holding
    fields = ("holding_id", "kind", "location", "reference", "status")


# Looking at people here is still looking at their records: each list page and
# each record opened is an access event (issue 15, item 3).
@admin.register(Person)
class PersonAdmin(PeopleShownAreAudited, ReadOnlyAdmin):
    person_field = ""
    list_display = ("person_id", "surname", "forename", "dob")
    search_fields = ("=person_id", "=nhs_number")
    inlines = (OtherNameInline, EpisodeInline, HoldingInline)


@admin.register(Episode)
class EpisodeAdmin(PeopleShownAreAudited, ReadOnlyAdmin):
    list_display = ("referral_id", "person", "start", "end", "team", "worker")
    list_filter = ("team__kind", "team__locality")
    list_select_related = ("person", "team", "worker")
    search_fields = ("=referral_id", "=person__person_id")


@admin.register(Holding)
class HoldingAdmin(PeopleShownAreAudited, ReadOnlyAdmin):
    list_display = ("holding_id", "person", "kind", "location", "reference", "status")
    list_filter = ("kind", "status")
    list_select_related = ("person",)
    search_fields = ("=holding_id", "=reference", "=person__person_id")
