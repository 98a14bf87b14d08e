"""Every change made in the Django admin is an audit event (DESIGN.md, audit/).

The event is written inside the admin's own transaction, so a change that
fails to save leaves no event, and an event that fails leaves no change.
"""

from django.contrib import admin
from django.db.models import Model, QuerySet

from disclose.audit.log import record

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
