"""The intake form: a new request taken by phone, email or letter (section 1).

The scope questions (what kind of request, how much is asked) come first, so a
request that belongs elsewhere is redirected at once by receive_request.
Subjects are a fixed number of fieldsets; "Add another person" is done on the
server, so it works without JavaScript.
"""

from datetime import timedelta

from django import forms
from django.utils import timezone

from disclose.casework.models import Agency, Channel, Extent, Kind, Request
from disclose.procedure.dates import EARLIEST_RECEIVED

from .forms_requests import parse_date

MAX_SUBJECTS = 6
DUPLICATE_MINUTES = 10
CHANNELS = [(c.value, c.label) for c in (Channel.PHONE, Channel.EMAIL, Channel.LETTER)]
# A draft from the agency portal (disclose/portal/) arrived through it.
WITH_PORTAL = [*CHANNELS, (Channel.PORTAL.value, "Agency portal")]
KINDS = [
    (Kind.INFORMATION.value, "Information from children's social care records"),
    (Kind.VIEW_RECORDS.value, "To view records"),
    (Kind.OWN_RECORDS.value, "Their own records, or records of someone they act for"),
    (Kind.OWN_ADOPTION_RECORDS.value, "Their own adoption records"),
    (Kind.SCHOOL_INCIDENT.value, "Ofsted notification of an incident in a school"),
]
CONSENT = [("yes", "Yes"), ("no", "No")]


def _radios(label: str, choices, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _text(label: str, max_length: int = 200, required: str | None = None, **kwargs):
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


class IntakeForm(forms.Form):
    # The error summary lists problems in the order the page asks the questions.
    field_order = ["channel", "received_day", "received_month", "received_year", "kind"]

    channel = _radios("How did the request arrive?", CHANNELS, "Select how the request arrived")
    kind = _radios("What are they asking for?", KINDS, "Select what they are asking for")
    # Asked only of requests for information (a conditional reveal on the page):
    # every other kind goes elsewhere whatever its extent (section 1).
    extent = _radios("How much are they asking for?", Extent.choices, "Select how much is asked")
    extent.required = False
    requestor_name = _text("Full name", required="Enter the requestor's name")
    requestor_agency = _radios(
        "Which agency are they from?", Agency.choices, "Select the requestor's agency"
    )
    requestor_role = _text("Job title or role")
    requestor_email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    requestor_phone = _text("Phone number", max_length=40)
    requestor_address = _text("Postal address", max_length=1000, widget=forms.Textarea)
    requestor_relationship = _text(
        "What is their relationship to the people the request is about?",
        max_length=1000,
        widget=forms.Textarea,
    )
    consent = _radios(
        "Do they hold the consent of the person the information is about?",
        CONSENT,
        "Select yes if they hold the person's consent",
    )
    details = _text(
        "What are they asking for, and why?",
        max_length=5000,
        required="Enter what they are asking for and why",
        widget=forms.Textarea,
    )

    # The requestor's email or letter (issue 13, item 9), on the New request page
    # only: checked and stored by intake/letter.py, kept with the request.
    letter = forms.FileField(
        label="The requestor's email or letter (optional)",
        required=False,
        error_messages={
            "empty": "The file you chose is empty. Choose the email or letter again",
            "invalid": "Choose an email (.eml or .msg), a PDF or a Word document (.docx)",
        },
    )

    # Shown only after a warning that this officer logged the same request minutes ago.
    confirm_duplicate = forms.BooleanField(
        label="This is a different request: log it as well", required=False
    )

    received_day = _text("Day", max_length=2)
    received_month = _text("Month", max_length=2)
    received_year = _text("Year", max_length=4)

    def __init__(self, *args, subject_count: int = 1, channels=CHANNELS, **kwargs):
        super().__init__(*args, **kwargs)
        if "channel" in self.fields:
            self.fields["channel"].choices = channels
        if self.is_bound:
            subject_count = _count(self.data.get("subject_count"))
        self.n_subjects = max(1, min(MAX_SUBJECTS, subject_count))
        for n in range(1, self.n_subjects + 1):
            self.fields[f"s{n}_forename"] = _text("First name", max_length=100)
            self.fields[f"s{n}_surname"] = _text("Last name", max_length=100)
            for part, label, size in (
                ("day", "Day", 2),
                ("month", "Month", 2),
                ("year", "Year", 4),
            ):
                self.fields[f"s{n}_dob_{part}"] = _text(label, max_length=size)

    @property
    def subject_fieldsets(self) -> list[dict]:
        """Each subject's fields, for the template."""
        return [
            {
                "number": n,
                "forename": self[f"s{n}_forename"],
                "surname": self[f"s{n}_surname"],
                "dob": [self[f"s{n}_dob_{p}"] for p in ("day", "month", "year")],
                "dob_id": f"s{n}-dob",
            }
            for n in range(1, self.n_subjects + 1)
        ]

    @property
    def received_parts(self) -> list[forms.BoundField]:
        return [self["received_day"], self["received_month"], self["received_year"]]

    @property
    def can_add_subject(self) -> bool:
        return self.n_subjects < MAX_SUBJECTS

    def clean(self):
        data = super().clean()
        # A letter may be logged days after it came: time is counted from receipt.
        data["received"] = parse_date(self, "received", "Date received", earliest=EARLIEST_RECEIVED)
        subjects = []
        for n in range(1, self.n_subjects + 1):
            dob = parse_date(self, f"s{n}_dob", f"Person {n}'s date of birth")
            forename = (data.get(f"s{n}_forename") or "").strip()
            surname = (data.get(f"s{n}_surname") or "").strip()
            if forename or surname:
                subjects.append({"forename": forename, "surname": surname, "dob": dob})
            elif dob:
                self.add_error(f"s{n}_forename", f"Enter person {n}'s name")
        school = data.get("kind") == Kind.SCHOOL_INCIDENT
        if not subjects and not school and not self.has_error("s1_forename"):
            self.add_error("s1_forename", "Enter the name of the person the request is about")
        if school and data.get("requestor_agency") not in (None, Agency.OFSTED):
            # 2.4 is about Ofsted's notifications only.
            self.add_error(
                "kind",
                "Only Ofsted send notifications about incidents in schools. Select another "
                "kind of request, or select Ofsted as the agency",
            )
        data["subjects"] = subjects
        if data.get("kind") == Kind.INFORMATION and not data.get("extent"):
            if not self.has_error("extent"):
                self.add_error("extent", "Select how much is asked")
        elif data.get("kind") and data.get("kind") != Kind.INFORMATION:
            data["extent"] = Extent.SPECIFIC  # not asked: it changes nothing
        return data

    @property
    def asks_about_duplicate(self) -> bool:
        return bool(self["confirm_duplicate"].errors or self["confirm_duplicate"].value())

    def warn_if_duplicate(self, officer) -> bool:
        """A double click, or the form sent again, would log the same request twice.
        If this officer logged one with the same requestor, people and details in
        the last DUPLICATE_MINUTES, say so and ask them to confirm (issue 15, item 8)."""
        if self.cleaned_data.get("confirm_duplicate"):
            return False
        same = _recent_same_request(officer, self.service_arguments())
        if same is None:
            return False
        at = timezone.localtime(same.created_at)
        self.add_error(
            "confirm_duplicate",
            f"You logged a request like this at {at:%H:%M}: {same.reference}. If this is "
            "a different request, tick the box and log it again",
        )
        return True

    def service_arguments(self) -> dict:
        """receive_request's keyword arguments (besides the actor)."""
        data = self.cleaned_data
        names = (
            "channel",
            "kind",
            "extent",
            "requestor_name",
            "requestor_agency",
            "requestor_role",
            "requestor_email",
            "requestor_phone",
            "requestor_address",
            "requestor_relationship",
            "details",
            "subjects",
        )
        arguments = {name: data[name] for name in names}
        arguments["consent"] = data["consent"] == "yes"
        if data["received"]:
            arguments["received"] = data["received"]
        return arguments


def _recent_same_request(officer, arguments: dict) -> Request | None:
    since = timezone.now() - timedelta(minutes=DUPLICATE_MINUTES)
    candidates = Request.objects.filter(
        owner=officer,
        created_at__gte=since,
        requestor_name__iexact=arguments["requestor_name"].strip(),
        requestor_agency=arguments["requestor_agency"],
        details=arguments["details"],
    ).order_by("-created_at")
    wanted = sorted(_person(s) for s in arguments["subjects"])
    for candidate in candidates.prefetch_related("subjects"):
        if sorted(_person(s) for s in candidate.subjects.all()) == wanted:
            return candidate
    return None


def _person(subject) -> tuple:
    get = subject.get if isinstance(subject, dict) else lambda key: getattr(subject, key)
    return (get("forename").strip().lower(), get("surname").strip().lower(), get("dob"))


def _count(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1
