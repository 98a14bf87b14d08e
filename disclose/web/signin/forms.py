"""The sign-in forms: a password (with lockout) and an authenticator app's code."""

from django import forms
from django.http import HttpRequest

from disclose.records.twofactor import CODE, clean_code
from disclose.web.forms import SignInForm

from . import lockout
from .addresses import client_address


class PasswordForm(SignInForm):
    """Username and password. A locked account or address is refused before the
    password is even checked, so a right guess during a lockout teaches nothing."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not (username and password):
            return self.cleaned_data
        # Nothing raised inside: a refusal must not roll back the failure it records.
        with lockout.one_at_a_time(username, client_address(self.request)):
            refusal = self._check(username)
        if refusal is not None:
            raise refusal
        return self.cleaned_data

    def _check(self, username: str) -> forms.ValidationError | None:
        minutes = lockout.minutes_locked(username, client_address(self.request))
        if minutes:
            lockout.record_while_locked(self.request, username, "password", minutes)
            return forms.ValidationError(lockout.locked_message(minutes), code="locked")
        try:
            super().clean()
        except forms.ValidationError as error:
            if error.code != "invalid_login":
                return error
            minutes = lockout.record_failure(self.request, username, "password")
            if minutes:
                return forms.ValidationError(lockout.locked_message(minutes), code="locked")
            return error
        return None


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=20,
        error_messages={"required": "Enter the security code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = clean_code(self.cleaned_data["code"])
        if not CODE.match(code):
            raise forms.ValidationError(
                "Enter the security code in the correct format, like 123456"
            )
        return code

    def refuse(self, request: HttpRequest, username: str) -> int | None:
        """The code was wrong or used before: say so, audit it, and return the minutes
        of any lockout it caused."""
        minutes = lockout.record_failure(request, username, "code")
        message = (
            lockout.locked_message(minutes)
            if minutes
            else "The security code is not right. Enter the code your app shows now: each code works once"
        )
        self.add_error("code", message)
        return minutes


class SetUpCodeForm(forms.Form):
    """The one-time code an administrator gives after resetting someone's two-factor."""

    set_up_code = forms.CharField(
        label="Set-up code",
        max_length=40,
        error_messages={"required": "Enter the set-up code your administrator gave you"},
    )
