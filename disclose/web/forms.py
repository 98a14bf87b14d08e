"""Forms for the staff pages. Error messages follow the GOV.UK style: say what to fix."""

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .forms_requests import parse_date

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$")
_NHS_NUMBER = re.compile(r"^\d{10}$")


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "Your account has been switched off. Ask an administrator to switch it on",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class RequestReferenceField(forms.CharField):
    """The request a search or a view is for: the access log names it (procedure 1:
    staff look at a record only to answer a request)."""

    def __init__(self, **kwargs):
        super().__init__(
            label="Request reference",
            max_length=40,
            error_messages={
                "required": "Enter the request reference this is for",
                "max_length": "Request reference must be 40 characters or fewer",
            },
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if value and not _REFERENCE.match(value):
            raise forms.ValidationError(
                "Request reference must only include letters, numbers, hyphens and slashes"
            )
        return value


class ReviewReasonField(forms.CharField):
    """Information governance's and administrators' other way in: a review, under a
    written reason that the audit reports flag (casework/justification.py)."""

    def __init__(self, **kwargs):
        super().__init__(
            label="Or, for a review, the reason you are looking",
            max_length=500,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": "Reason must be 500 characters or fewer"},
            **kwargs,
        )


class JustifiedForm(forms.Form):
    """The request a search or a view is for, or a review's reason. Whether either
    will do is for casework/justification.py, which the view asks."""

    request_reference = RequestReferenceField(required=False)
    review_reason = ReviewReasonField()


class RequestReferenceForm(JustifiedForm):
    pass


class PersonSearchForm(JustifiedForm):
    forename = forms.CharField(label="First name", max_length=100, required=False)
    surname = forms.CharField(label="Last name", max_length=100, required=False)
    dob_day = forms.CharField(label="Day", max_length=2, required=False)
    dob_month = forms.CharField(label="Month", max_length=2, required=False)
    dob_year = forms.CharField(label="Year", max_length=4, required=False)
    nhs_number = forms.CharField(label="NHS number", max_length=20, required=False)

    @property
    def dob_parts(self) -> list[forms.BoundField]:
        """Day, month and year, for the date input that groups them."""
        return [self["dob_day"], self["dob_month"], self["dob_year"]]

    def clean_nhs_number(self) -> str:
        value = re.sub(r"[\s-]", "", self.cleaned_data["nhs_number"])
        if value and not _NHS_NUMBER.match(value):
            raise forms.ValidationError("NHS number must be 10 digits")
        return value

    def clean(self):
        data = super().clean()
        data["dob"] = parse_date(self, "dob", "Date of birth")
        # A first name alone matches too many people to be worth logging a search for.
        given = data.get("surname") or data.get("nhs_number") or data["dob"]
        if not given and "nhs_number" in data and not self.has_error("dob_day"):
            self.add_error("surname", "Enter a last name, a date of birth or an NHS number")
        return data
