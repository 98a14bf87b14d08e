"""Administrators issue and revoke machine clients' tokens (issue 16).

Issuing shows the secret once, on the page that follows; only its hash is
kept. A token is never deleted, only revoked, so the audit trail's client
stays named. Issuing and revoking are audit events (tokens.py).
"""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone

from .models import ApiToken
from .scopes import SCOPE_CHOICES
from .tokens import TokenProblem, check_scopes, issue_token, revoke_token


class IssueForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose what the token may do"},
    )

    class Meta:
        model = ApiToken
        fields = ["name", "scopes", "expires_at", "per_minute"]

    def clean_scopes(self):
        try:
            return check_scopes(self.cleaned_data["scopes"])
        except TokenProblem as problem:
            raise forms.ValidationError(str(problem)) from None

    def clean_expires_at(self):
        expires = self.cleaned_data["expires_at"]
        if expires <= timezone.now():
            raise forms.ValidationError("The expiry date must be in the future.")
        return expires


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "scopes", "status", "expires_at", "last_used_at"]
    readonly_fields = [
        "name",
        "prefix",
        "scopes",
        "status",
        "client",
        "issued_by",
        "issued_at",
        "expires_at",
        "revoked_at",
        "per_minute",
        "last_used_at",
    ]
    actions = ["revoke"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = IssueForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else IssueForm.Meta.fields

    def has_change_permission(self, request, obj=None) -> bool:
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            token, secret = issue_token(
                name=data["name"],
                scopes=data["scopes"],
                expires_at=data["expires_at"],
                per_minute=data["per_minute"],
                issued_by=request.user,
            )
        except TokenProblem as problem:  # a name taken between the form and the save
            raise forms.ValidationError(str(problem)) from None
        obj.pk, obj.prefix = token.pk, token.prefix
        request._api_token_secret = secret

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "title": "Token issued",
            "token": ApiToken.objects.get(pk=obj.pk),
            "secret": request._api_token_secret,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "api/token_issued.html", context)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            revoke_token(token, by=request.user)
        messages.success(request, "The tokens are revoked. They no longer work.")
