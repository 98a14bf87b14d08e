"""A read-only look at requests and the disclosure log for administrators
and information governance. Requests change only through casework.services,
so nothing here can add, edit or delete them."""

from django.contrib import admin

from disclose.audit.admin_mixins import PeopleShownAreAudited, ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Disclosure,
    FileMovement,
    IdentityCheck,
    Message,
    Request,
    RequestSubject,
    StaffNotification,
)
from .request_views import record_request_viewed


class _Inline(ReadOnlyInline):
    def get_readonly_fields(self, request, obj=None):
        return self.fields


class SubjectInline(_Inline):
    model = RequestSubject
    fields = ("number", "forename", "surname", "dob", "person", "route", "paragraph", "state")
    fields += ("assignee", "decision", "decision_reason", "decided_by")


class MessageInline(_Inline):
    model = Message
    fields = ("kind", "to_address", "subject_line", "outgoing", "created_at")


class NotificationInline(_Inline):
    model = StaffNotification
    fields = ("staff", "kind", "to_address", "outgoing")


class IdentityCheckInline(_Inline):
    model = IdentityCheck
    fields = ("checked_by", "subject", "method", "outcome", "checked_at")


class FileMovementInline(_Inline):
    model = FileMovement
    fields = ("holding", "kind", "by", "at")


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = ("reference", "received", "requestor_name", "requestor_agency", "state")
    list_filter = ("state", "requestor_agency", "channel", "kind")
    search_fields = ("reference", "requestor_name", "requestor_email")
    inlines = (
        SubjectInline,
        IdentityCheckInline,
        MessageInline,
        NotificationInline,
        FileMovementInline,
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200:
            # A request names the people it is about: looking at it is an access.
            record_request_viewed(actor=request.user, request=obj, via="admin")
        return response


@admin.register(Disclosure)
class DisclosureAdmin(PeopleShownAreAudited, ReadOnlyAdmin):
    """The disclosure log (issue 3, item 6): what, to whom, when, on what basis, by whom.
    It names the person each disclosure was about, so each page of it is audited."""

    list_display = ("disclosed_at", "kind", "person", "to_name", "to_agency", "basis")
    list_display += ("disclosed_by", "request")
    list_filter = ("kind", "basis", "to_agency")
    search_fields = ("request__reference", "to_name", "to_email")
    date_hierarchy = "disclosed_at"
