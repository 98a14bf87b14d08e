"""Forms for stopping and restarting the clock and extending a time limit
(issue 7, item 2). They only parse what was typed; casework.services decides
whether the step may be taken and refuses with a message to show."""

from django import forms

from disclose.casework.models import ClockStop, Stage
from disclose.procedure.dates import EARLIEST_RECEIVED

from .forms_requests import parse_date


def _subject_field(numbers: list[int]) -> forms.ChoiceField:
    choices = [("", "Every part I hold")] + [(str(n), f"Subject {n}") for n in numbers]
    return forms.ChoiceField(label="Which subject", choices=choices, required=False)


class TimeLimitForm(forms.Form):
    def __init__(self, *args, subjects: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if subjects:
            self.fields["subject"] = _subject_field(subjects)

    def arguments(self) -> dict:
        subject = self.cleaned_data.get("subject")
        return {"subject": int(subject)} if subject else {}


class StopClockForm(TimeLimitForm):
    reason = forms.ChoiceField(
        label="Why is the clock stopped?",
        choices=ClockStop.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select why the clock is stopped",
            "invalid_choice": "Select why the clock is stopped",
        },
    )
    note = forms.CharField(
        label="What you asked the requestor for (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def arguments(self) -> dict:
        return {
            **super().arguments(),
            "reason": self.cleaned_data["reason"],
            "note": self.cleaned_data["note"],
        }


class RestartClockForm(TimeLimitForm):
    pass


class ExtendForm(TimeLimitForm):
    stage = forms.ChoiceField(
        label="Which time limit?",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the time limit to extend",
            "invalid_choice": "Select the time limit to extend",
        },
    )
    due_day = forms.CharField(label="Day", required=False, max_length=2)
    due_month = forms.CharField(label="Month", required=False, max_length=2)
    due_year = forms.CharField(label="Year", required=False, max_length=4)
    reason = forms.CharField(
        label="Why is more time needed?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why more time is needed"},
    )

    @property
    def due_parts(self) -> list[forms.BoundField]:
        return [self["due_day"], self["due_month"], self["due_year"]]

    def clean(self):
        data = super().clean()
        new_due = parse_date(
            self, "due", "The new due date", past=False, earliest=EARLIEST_RECEIVED
        )
        if new_due is None and "due_day" not in self.errors:
            self.add_error("due_day", "Enter the new due date")
        data["new_due"] = new_due
        return data

    def arguments(self) -> dict:
        return {
            **super().arguments(),
            "stage": self.cleaned_data["stage"],
            "new_due": self.cleaned_data["new_due"],
            "reason": self.cleaned_data["reason"],
        }
