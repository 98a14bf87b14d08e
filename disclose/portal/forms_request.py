"""The request a professional asks on the portal: the staff intake form's own
questions and checks (web/forms_intake.py), asked in the second person, less
what the portal knows already (how it arrived, when, and their email).

The answers are kept on a draft for the SCIMT in the intake form's field names
(`answers()`), so the officer confirms the same form, already filled in.
"""

from django import forms
from django.utils import timezone

from disclose.web.forms_intake import IntakeForm, _text

# Not asked: the portal is the channel, today the date, their sign-in the email.
NOT_ASKED = ("channel", "received_day", "received_month", "received_year", "requestor_email")
YOUR_WORDS = {
    "kind": "What are you asking for?",
    "extent": "How much are you asking for?",
    "requestor_name": "Your full name",
    "requestor_agency": "Which agency are you from?",
    "requestor_role": "Your job title or role",
    "requestor_phone": "Your work phone number",
    "requestor_address": "Your work postal address",
    "consent": "Do you hold the consent of the person the information is about?",
    "details": "What are you asking for, and why?",
}
# Section 1: the relationship to the people asked about, and, without their
# consent, the lawful basis for asking.
RELATIONSHIP = "Your relationship to the people you are asking about"
LAWFUL_BASIS = "Your lawful basis for asking without consent"
DETAILS_MAX = 5000  # the intake form's limit on details, which holds all three


class PortalRequestForm(IntakeForm):
    field_order = ["kind", "extent"]

    requestor_relationship = _text(
        RELATIONSHIP,
        max_length=1000,
        required="Enter your relationship to the people you are asking about",
        widget=forms.Textarea,
    )
    lawful_basis = _text(LAWFUL_BASIS, max_length=1000, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NOT_ASKED + ("confirm_duplicate",):
            self.fields.pop(name, None)
        for name, label in YOUR_WORDS.items():
            self.fields[name].label = label
        self.fields["requestor_name"].error_messages["required"] = "Enter your full name"
        self.fields["requestor_agency"].error_messages["required"] = "Select your agency"
        self.fields["consent"].error_messages["required"] = (
            "Select yes if you hold the person's consent"
        )

    def clean(self):
        data = super().clean()
        if data.get("consent") == "no" and not (data.get("lawful_basis") or "").strip():
            self.add_error(
                "lawful_basis",
                "Enter the law that allows you to ask without consent, such as section 47 "
                "of the Children Act 1989",
            )
        if not self.errors and len(self.details_with_basis()) > DETAILS_MAX:
            self.add_error(
                "details",
                f"What you ask, your relationship and your lawful basis must be {DETAILS_MAX} "
                "characters or fewer together",
            )
        return data

    def answers(self, *, email: str) -> dict:
        """The intake form's answers, as the SCIMT officer's form takes them."""
        data = self.cleaned_data
        today = timezone.localdate()
        answers = {
            name: self.data.get(name, "")
            for name in self.fields
            if name not in ("lawful_basis", "subject_count")
        }
        answers |= {
            "channel": "portal",
            "requestor_email": email,
            "received_day": today.day,
            "received_month": today.month,
            "received_year": today.year,
            "details": self.details_with_basis(),
            "requestor_relationship": data["requestor_relationship"].strip(),
        }
        return answers

    def details_with_basis(self) -> str:
        """What they ask and why, with their relationship and any lawful basis
        beside it, so every page and form that shows the request shows them."""
        data = self.cleaned_data
        parts = [
            data["details"].strip(),
            f"{RELATIONSHIP}: {data['requestor_relationship'].strip()}",
        ]
        if data.get("consent") == "no":
            parts.append(f"{LAWFUL_BASIS}: {data['lawful_basis'].strip()}")
        return "\n\n".join(parts)
