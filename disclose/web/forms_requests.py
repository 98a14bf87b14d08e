"""Forms for the request pages: one small form per step of the procedure.

Forms only parse what the person typed. Whether the step may be taken, and
every rule of the procedure, is for casework.services, which refuses with a
message the page shows in its error summary. Messages say what to fix (GOV.UK).
"""

import datetime

from django import forms
from django.utils import timezone

from disclose.casework.models import IdentityCheck
from disclose.procedure.dates import EARLIEST_BIRTH, date_problem
from disclose.records.models import Holding, Role, Staff

# The Article 6 bases a council relies on to share without consent: (a) is
# consent itself, (b) a contract, and (f) is not open to a public authority
# performing its tasks.
ARTICLE_6_BASES = [
    ("Article 6(1)(c): legal obligation", "Article 6(1)(c): legal obligation"),
    ("Article 6(1)(d): vital interests", "Article 6(1)(d): vital interests"),
    ("Article 6(1)(e): public task", "Article 6(1)(e): public task"),
]


def parse_date(
    form: forms.Form,
    prefix: str,
    label: str,
    *,
    past: bool = True,
    earliest: datetime.date = EARLIEST_BIRTH,
):
    """A GOV.UK date input's day, month and year as a date, or None when blank.
    The error for the whole date is held on the day field, which the error
    summary links to. Dates before `earliest` are refused, so a typo such as
    "0206" for a year is caught here (issue 15, item 4)."""
    data = form.cleaned_data
    parts = {p: (data.get(f"{prefix}_{p}") or "").strip() for p in ("day", "month", "year")}
    if not any(parts.values()):
        return None
    missing = [p for p, v in parts.items() if not v]
    if missing:
        form.add_error(f"{prefix}_day", f"{label} must include a {' and a '.join(missing)}")
        return None
    try:
        if len(parts["year"]) != 4:
            raise ValueError
        value = datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        form.add_error(f"{prefix}_day", f"{label} must be a real date, like 27 3 2007")
        return None
    today = timezone.localdate()
    problem = date_problem(value, label, earliest=earliest, today=today, past=past)
    if problem:
        form.add_error(f"{prefix}_day", problem)
        return None
    return value


def _text(label: str, required_message: str | None = None, **kwargs) -> forms.CharField:
    kwargs.setdefault("max_length", 200)
    messages = {"max_length": f"{label} must be %(limit_value)s characters or fewer"}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=label, required=bool(required_message), error_messages=messages, **kwargs
    )


def _area(label: str, required_message: str | None = None) -> forms.CharField:
    return _text(label, required_message, max_length=5000, widget=forms.Textarea)


def _choice(label: str, choices, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def _confirm(label: str, message: str) -> forms.BooleanField:
    """The GOV.UK checkbox before an irreversible step."""
    return forms.BooleanField(label=label, error_messages={"required": message})


class StepForm(forms.Form):
    """A step's form, told which request and part it is for, and who is acting."""

    def __init__(self, *args, request=None, part=None, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.part, self.actor = request, part, actor

    def service_arguments(self) -> dict:
        """The services function's keyword arguments, from the cleaned data."""
        return {}


class ConfirmForm(StepForm):
    """A step with nothing to fill in: the button is the confirmation."""


class VerifyIdentityForm(StepForm):
    method = _choice(
        "How did you check their identity?",
        IdentityCheck.Method.choices,
        "Select how you checked the requestor's identity",
    )
    outcome = _choice(
        "Is the requestor who they say they are?",
        IdentityCheck.Outcome.choices,
        "Select whether the requestor's identity was verified",
    )

    def service_arguments(self) -> dict:
        return {"method": self.cleaned_data["method"], "outcome": self.cleaned_data["outcome"]}


class ForwardForm(StepForm):
    confirm = _confirm(
        "I have checked each subject's route and who it will go to",
        "Confirm that you have checked each subject's route",
    )


class PassToCsmForm(StepForm):
    to = forms.ModelChoiceField(
        label="Which children's service manager should deal with this?",
        queryset=Staff.objects.none(),
        empty_label="Choose a CSM",
        error_messages={
            "required": "Choose the CSM to pass this request to",
            "invalid_choice": "Choose the CSM to pass this request to",
        },
    )
    reason = _area("Why are they the right person?", "Say why you are passing this request on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = _active_with_role(Role.Code.CSM).exclude(pk=self.actor.pk)
        self.fields["to"].label_from_instance = _name_and_team

    def service_arguments(self) -> dict:
        return {"to": self.cleaned_data["to"], "reason": self.cleaned_data["reason"]}


class LawfulBasisMixin(forms.Form):
    """Section 1 expects consent; without it a lawful basis is recorded."""

    article_6 = forms.ChoiceField(
        label="UK GDPR Article 6 basis",
        choices=ARTICLE_6_BASES,
        required=False,
        widget=forms.RadioSelect,
    )
    article_9 = _text("Article 9 or DPA 2018 Schedule 1 condition", max_length=500)
    schedule_2_exemption = _text("Or: the DPA 2018 Schedule 2 exemption relied on", max_length=500)

    def lawful_basis(self) -> dict | None:
        basis = {
            key: self.cleaned_data.get(key, "").strip()
            for key in ("article_6", "article_9", "schedule_2_exemption")
        }
        return {k: v for k, v in basis.items() if v} or None


class DecideForm(StepForm, LawfulBasisMixin):
    decision = _choice(
        "Do you agree to the request?",
        [("approve", "Approve: share the information"), ("decline", "Decline")],
        "Select approve or decline",
    )
    reason = _area("Reason for your decision", "Give the reason for your decision")
    confirm = _confirm(
        "I have checked this decision. It is case noted and cannot be changed",
        "Confirm that you have checked your decision",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request.consent:
            for key in ("article_6", "article_9", "schedule_2_exemption"):
                del self.fields[key]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        basis = None if self.request.consent else self.lawful_basis()
        return {"decision": data["decision"], "reason": data["reason"], "lawful_basis": basis}


class AllocateForm(StepForm):
    worker = forms.ModelChoiceField(
        label="Which social worker should supply the information?",
        queryset=Staff.objects.none(),
        empty_label="Choose a social worker",
        error_messages={
            "required": "Choose a social worker",
            "invalid_choice": "Choose a social worker",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = _active_with_role(Role.Code.SOCIAL_WORKER)
        self.fields["worker"].label_from_instance = _name_and_team

    def service_arguments(self) -> dict:
        return {"worker": self.cleaned_data["worker"]}


class HoldingForm(StepForm):
    """Ask for the subject's paper files or microfilm (2.1.3.3)."""

    kind = Holding.Kind.PAPER
    holding = forms.ModelChoiceField(
        label="Which holding do you need?",
        queryset=Holding.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the holding you need",
            "invalid_choice": "Select the holding you need",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person_id = self.part.person_id if self.part else None
        self.fields["holding"].queryset = Holding.objects.filter(
            person_id=person_id, kind=self.kind
        ).order_by("reference", "pk")
        self.fields["holding"].label_from_instance = _holding_label

    def service_arguments(self) -> dict:
        return {"holding": self.cleaned_data["holding"]}


class MicrofilmForm(HoldingForm):
    kind = Holding.Kind.MICROFILM


class SupplyForm(StepForm, LawfulBasisMixin):
    summary = _area("What did you supply?", "Describe what you supplied")
    documents = _area("Documents supplied")
    confirm = _confirm(
        "I have checked what I am supplying. The requestor is emailed and this cannot be undone",
        "Confirm that you have checked what you are supplying",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.needs_lawful_basis:
            for key in ("article_6", "article_9", "schedule_2_exemption"):
                del self.fields[key]

    @property
    def needs_lawful_basis(self) -> bool:
        """An open case without consent: no CSM recorded a basis, so the worker does."""
        return not self.request.consent and not (self.part and self.part.lawful_basis)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        titles = [line.strip() for line in data["documents"].splitlines() if line.strip()]
        arguments = {"summary": data["summary"], "documents": titles}
        if self.needs_lawful_basis:
            arguments["lawful_basis"] = self.lawful_basis()
        return arguments


class CloseForm(StepForm):
    reason = _area("Why are you closing the request? (optional)")
    confirm = _confirm(
        "I understand that a closed request cannot be opened again",
        "Confirm that you understand the request cannot be opened again",
    )

    def service_arguments(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}


class PersonSearchForm(forms.Form):
    """The match page's search, filled in from what the requestor gave."""

    forename = _text("First name", max_length=100)
    surname = _text("Last name", max_length=100)
    dob_day = _text("Day", max_length=2)
    dob_month = _text("Month", max_length=2)
    dob_year = _text("Year", max_length=4)

    @property
    def dob_parts(self) -> list[forms.BoundField]:
        return [self["dob_day"], self["dob_month"], self["dob_year"]]

    def clean(self):
        data = super().clean()
        data["dob"] = parse_date(self, "dob", "Date of birth")
        if not (data.get("surname") or data["dob"]) and not self.has_error("dob_day"):
            self.add_error("surname", "Enter a last name or a date of birth")
        return data


def _active_with_role(code: str):
    return (
        Staff.objects.filter(is_active=True, roles__code=code)
        .select_related("team")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def _name_and_team(staff: Staff) -> str:
    return f"{staff.display_name} ({staff.team.name})" if staff.team else staff.display_name


def _holding_label(holding: Holding) -> str:
    where = f", {holding.location}" if holding.location else ""
    return f"{holding} ({holding.get_status_display().lower()}{where})"
