"""Every change made in the Django admin is an audit event (DESIGN.md, audit/).

The event is written inside the admin's own transaction, so a change that
fails to save leaves no event, and an event that fails leaves no change.
"""

from django.contrib import admin
from django.db.models import Model, QuerySet

from disclose.audit.log import record, record_access

LISTED_IN_ADMIN = "admin_list_viewed"

# Never copied into the audit trail, even as "changed".
_SECRET_FIELDS = {"password", "password1", "password2", "usable_password"}


def _shown(value) -> object:
    """A value as the audit trail keeps it: plain text, or a list of text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, QuerySet | list | tuple | set):
        return sorted(str(item) for item in value)
    return str(value)


def record_admin_change(
    request, obj: Model, action: str, changed: list[str] | None = None, values: dict | None = None
) -> None:
    detail = {
        "model": obj._meta.label_lower,
        "object_id": str(obj.pk),
        "object": str(obj),
        "action": action,
        "changed": changed or [],
    }
    if values:
        detail["values"] = values
    record(event_type="admin_change", actor=request.user, detail=detail)


class AuditedAdminMixin:
    """Put before admin.ModelAdmin (or UserAdmin) in the bases."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [name for name in form.changed_data if name not in _SECRET_FIELDS]
        if any(name in _SECRET_FIELDS for name in form.changed_data):
            changed.append("password")
        values = {
            name: _shown(form.cleaned_data.get(name))
            for name in changed
            if name in form.cleaned_data and name not in _SECRET_FIELDS
        }
        record_admin_change(request, obj, "changed" if change else "added", changed, values)

    def delete_model(self, request, obj):
        record_admin_change(request, obj, "deleted")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record_admin_change(request, obj, "deleted")
        super().delete_queryset(request, queryset)


class PeopleShownAreAudited:
    """For admin pages that show children's records (issue 15, item 3): every list
    page writes one access event naming the people on it, and every record opened
    writes a view of its person, as the rest of Disclose does. Put before the
    ModelAdmin in the bases; `person_field` is the path from the row to its
    person ("" for Person itself)."""

    person_field = "person"

    def _person_id(self, obj: Model) -> int | None:
        return obj.pk if not self.person_field else getattr(obj, f"{self.person_field}_id")

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        shown = getattr(response, "context_data", None) or {}
        listing = shown.get("cl")
        if response.status_code == 200 and listing is not None:
            people = sorted({self._person_id(obj) for obj in listing.result_list} - {None})
            if people:
                record_access(
                    event_type=LISTED_IN_ADMIN,
                    actor=request.user,
                    detail={
                        "via": "admin",
                        "list": self.model._meta.label_lower,
                        "query": request.GET.get("q", ""),
                        "results": people,
                    },
                )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        person = None
        if obj is not None:
            person = obj if not self.person_field else getattr(obj, self.person_field)
        if person is not None and response.status_code == 200:
            detail = {"via": "admin"}
            if self.person_field:
                detail["record"] = f"{self.model._meta.label_lower} {obj.pk}"
            record_access(
                event_type="person_viewed", actor=request.user, person=person, detail=detail
            )
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """Imported records: administrators may look, never edit by hand (the
    next import would silently undo the edit)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
