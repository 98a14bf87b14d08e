"""Forms for hard copies and documents (2.2, and the note at the end of section 1).

As with every step form, these only parse what was typed: casework.services
decides whether the step may be taken, and says why not.
"""

from django import forms

from disclose.casework.models import Document, HardCopyItem
from disclose.procedure import hard_copies as rules
from disclose.procedure.dates import EARLIEST_RECEIVED
from disclose.records.models import Role, Staff

from .forms_requests import StepForm, parse_date

ITEM_ROWS = 5  # a fixed number of rows: listing more is done in a second list


def _text(label: str, max_length: int = 300, required: str | None = None, **kwargs):
    messages = {"max_length": f"{label} must be {max_length} characters or fewer"}
    if required:
        messages["required"] = required
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required),
        error_messages=messages,
        **kwargs,
    )


def _radios(label: str, choices, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class HardCopyListForm(StepForm):
    """The worker lists the documents the requestor asked for copies of."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, ITEM_ROWS + 1):
            self.fields[f"i{n}_title"] = _text("Document title")
            for part, label, size in (
                ("day", "Day", 2),
                ("month", "Month", 2),
                ("year", "Year", 4),
            ):
                self.fields[f"i{n}_date_{part}"] = _text(label, max_length=size)
            self.fields[f"i{n}_third_party"] = forms.BooleanField(
                label="This is another agency's information", required=False
            )
            self.fields[f"i{n}_source"] = _text("Which agency it came from", max_length=200)

    @property
    def item_rows(self) -> list[dict]:
        return [
            {
                "number": n,
                "title": self[f"i{n}_title"],
                "date": [self[f"i{n}_date_{p}"] for p in ("day", "month", "year")],
                "date_id": f"i{n}-date",
                "third_party": self[f"i{n}_third_party"],
                "source": self[f"i{n}_source"],
            }
            for n in range(1, ITEM_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        items = []
        for n in range(1, ITEM_ROWS + 1):
            when = parse_date(self, f"i{n}_date", f"Document {n}'s date")
            title = (data.get(f"i{n}_title") or "").strip()
            if title:
                items.append(
                    {
                        "title": title,
                        "date": when,
                        "third_party": bool(data.get(f"i{n}_third_party")),
                        "source": (data.get(f"i{n}_source") or "").strip(),
                    }
                )
        if not items and not self.has_error("i1_title"):
            self.add_error("i1_title", "Enter the title of each document asked for")
        data["items"] = items
        return data

    def service_arguments(self) -> dict:
        return {"items": self.cleaned_data["items"]}


class DecideHardCopiesForm(StepForm):
    decision = _radios(
        "Do you give permission for these hard copies?",
        [("approve", "Approve: business support may copy and send them"), ("refuse", "Refuse")],
        "Select approve or refuse",
    )
    reason = _text(
        "Reason for your decision",
        max_length=5000,
        required="Give the reason for your decision",
        widget=forms.Textarea,
    )
    upload_to_documents = forms.BooleanField(
        label="Upload the copies to the person's documents", required=False
    )
    confirm = forms.BooleanField(
        label="I have checked this decision. It is case noted and cannot be changed",
        error_messages={"required": "Confirm that you have checked your decision"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "decision": data["decision"],
            "reason": data["reason"],
            "upload_to_documents": data["upload_to_documents"],
        }


class ReassignApprovalForm(StepForm):
    to = forms.ModelChoiceField(
        label="Which children's service manager should decide instead?",
        queryset=Staff.objects.none(),
        empty_label="Choose a CSM",
        error_messages={"required": "Choose a CSM", "invalid_choice": "Choose a CSM"},
    )
    reason = _text(
        "Why are you reassigning the decision?",
        max_length=5000,
        required="Say why you are reassigning this decision",
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = (
            Staff.objects.filter(is_active=True, roles__code=Role.Code.CSM)
            .distinct()
            .order_by("last_name", "first_name")
        )

    def service_arguments(self) -> dict:
        return {"to": self.cleaned_data["to"], "reason": self.cleaned_data["reason"]}


def _items(request, part, **filters):
    rows = HardCopyItem.objects.filter(request=request, **filters)
    if part is not None:
        rows = rows.filter(hard_copy_list__subject=part)
    return rows.order_by("id")


class ConfirmThirdPartyForm(StepForm):
    item = forms.ChoiceField(
        label="Which document?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the document",
            "invalid_choice": "Select the document",
        },
    )
    confirmed = _radios(
        "Did the agency agree to it being sent?",
        [("yes", "Yes, they agreed"), ("no", "No, they did not agree")],
        "Select whether the agency agreed",
    )
    who = _text("Who gave their answer?", max_length=200, required="Say who gave their answer")
    how = _radios("How did they answer?", HardCopyItem.How.choices, "Select how they answered")
    on_day = _text("Day", max_length=2)
    on_month = _text("Month", max_length=2)
    on_year = _text("Year", max_length=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = _items(
            self.request, self.part, third_party=True, status__in=rules.CONFIRMABLE
        ).filter(confirmed__isnull=True)
        self.fields["item"].choices = [(r.title, f"{r.title} ({r.source})") for r in rows]

    @property
    def on_parts(self) -> list[forms.BoundField]:
        return [self["on_day"], self["on_month"], self["on_year"]]

    def clean(self):
        data = super().clean()
        data["on"] = parse_date(self, "on", "The date they answered", earliest=EARLIEST_RECEIVED)
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "item": data["item"],
            "confirmed": data["confirmed"] == "yes",
            "who": data["who"],
            "how": data["how"],
            "on": data["on"],
        }


class AttachFileForm(StepForm):
    item = forms.ChoiceField(
        label="Which hard copy is the file for?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the hard copy",
            "invalid_choice": "Select the hard copy",
        },
    )
    document = forms.ModelChoiceField(
        label="Which document is it?",
        queryset=Document.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the document", "invalid_choice": "Select the document"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = (*rules.SENDABLE, rules.AWAITING_APPROVAL)
        rows = _items(self.request, self.part, status__in=statuses)
        self.fields["item"].choices = [(r.title, r.title) for r in rows]
        self.fields["document"].queryset = Document.objects.filter(request=self.request)

    def service_arguments(self) -> dict:
        return {"item": self.cleaned_data["item"], "document": self.cleaned_data["document"]}


class DispatchForm(StepForm):
    method = _radios(
        "How are you sending them?",
        [("secure_email", "Secure email, with the files attached"), ("cryptshare", "Cryptshare")],
        "Select how you are sending them",
    )
    transfer_reference = _text("Cryptshare transfer reference", max_length=200)
    confirm = forms.BooleanField(
        label="I have checked the copies. Once sent they cannot be taken back",
        error_messages={"required": "Confirm that you have checked the copies"},
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"method": data["method"], "transfer_reference": data["transfer_reference"]}


class UploadForm(StepForm):
    file = forms.FileField(
        label="Choose a file",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty"},
    )
    title = _text("Title")

    def service_arguments(self) -> dict:
        upload = self.cleaned_data["file"]
        return {"file": upload, "name": upload.name, "title": self.cleaned_data["title"]}
