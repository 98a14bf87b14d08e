"""A request from another agency and its parts (one per subject).

The state fields are written only by `casework.services`; the rules for moving
them live in `disclose.procedure` (DESIGN.md: business logic never in save()).
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from disclose.procedure import states


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v.replace("_", " ").capitalize()) for v in values]


def _one_of(field: str, values, name: str) -> models.CheckConstraint:
    """No code path can write a state the procedure does not have."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": list(values)}), name=name)


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PORTAL = "portal", "Portal"


class Agency(models.TextChoices):
    # Section 1 lists who requests come from.
    POLICE = "police", "Police"
    CAFCASS = "cafcass", "CAFCASS"
    SOCIAL_CARE = "social_care", "Social care (another local authority)"
    FOSTERING_AGENCY = "fostering_agency", "Fostering agency"
    OFSTED = "ofsted", "Ofsted"
    PROBATION = "probation", "Probation"
    HEALTH = "health", "Health"
    OTHER = "other", "Other"


class Kind(models.TextChoices):
    INFORMATION = "information", "Information from records"
    VIEW_RECORDS = "view_records", "To view records"
    OWN_RECORDS = "own_records", "Their own records"
    OWN_ADOPTION_RECORDS = "own_adoption_records", "Their own adoption records"
    SCHOOL_INCIDENT = "school_incident_notification", "Notification of an incident in a school"


class Extent(models.TextChoices):
    SPECIFIC = "specific", "Specific information"
    EXTENSIVE = "extensive", "A lot of information or a detailed history"


class ReferenceCounter(models.Model):
    """One row per year; locked while a reference is allocated, so two people
    logging requests at once never get the same number, on any number of
    app servers."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, year: int) -> str:
        with transaction.atomic():
            counter = cls.objects.select_for_update().filter(year=year).first()
            if counter is None:
                try:
                    with transaction.atomic():
                        counter = cls.objects.create(year=year, last=0)
                except IntegrityError:
                    # Someone else created this year's row first: wait for it.
                    counter = cls.objects.select_for_update().get(year=year)
            counter.last += 1
            counter.save(update_fields=["last"])
        return f"AR-{year}-{counter.last:06d}"


class Request(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    received = models.DateField(default=timezone.localdate)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    requestor_name = models.CharField(max_length=200)
    requestor_agency = models.CharField(max_length=20, choices=Agency.choices)
    requestor_role = models.CharField(max_length=200, blank=True)
    requestor_email = models.EmailField(blank=True)
    requestor_phone = models.CharField(max_length=40, blank=True)
    requestor_address = models.TextField(blank=True)
    # Section 1: the professional works with the people asked about, or with
    # someone who has a significant relationship with them.
    requestor_relationship = models.TextField("relationship to the people asked about", blank=True)

    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.INFORMATION)
    extent = models.CharField(max_length=10, choices=Extent.choices, default=Extent.SPECIFIC)
    consent = models.BooleanField(help_text="The requestor holds the individual's consent.")
    details = models.TextField(help_text="What is asked for, and why.")

    state = models.CharField(
        max_length=40,
        choices=_choices(states.REQUEST_STATES),
        default=states.RECEIVED,
        db_index=True,
    )
    # The SCIMT officer who logged the request (section 1: first point of contact).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests_owned",
    )
    # Made directly to the allocated worker of an open case, who logged it
    # (section 1): it started with them, and nobody had checked the requestor.
    logged_directly = models.BooleanField(default=False)
    # Set when triage sends the request elsewhere (section 1, 2.4).
    outcome_route = models.CharField(max_length=60, blank=True)
    outcome_paragraph = models.CharField(max_length=10, blank=True)
    outcome_rationale = models.TextField(blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.TextField(blank=True)
    # Closed after the requestor withdrew, or without their narrowing it (section 1).
    closed_because = models.CharField(
        max_length=20, blank=True, choices=_choices(states.CLOSE_REASONS)
    )
    # The requestor withdrew: when, and why, as they said it.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdraw_reason = models.TextField(blank=True)
    # An extensive request narrowed to specific information (section 1): the
    # time limits run again from here.
    narrowed_at = models.DateTimeField(null=True, blank=True)
    # The earliest due date of its open stages, written with its Deadline rows
    # by deadlines_stored.store() and nothing else: lists sort by it in SQL
    # without working it out per row (issue 11, item 3).
    next_due = models.DateField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received", "-id"]
        constraints = [_one_of("state", states.REQUEST_STATES, "request_state_known")]

    def __str__(self) -> str:
        return self.reference


class RequestSubject(models.Model):
    """One part of a request: one person asked about, routed and owned on its
    own (issue 3, item 4)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="subjects")
    number = models.PositiveSmallIntegerField(help_text="1-based, in the order given.")
    # As the requestor gave them; the matched person may be spelt differently.
    forename = models.CharField(max_length=100, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    dob = models.DateField("date of birth", null=True, blank=True)
    # matched and person empty: the subject is not known to children's social care.
    person = models.ForeignKey(
        "records.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    matched = models.BooleanField(default=False)

    route = models.CharField(max_length=60, blank=True)
    paragraph = models.CharField(max_length=10, blank=True)
    rationale = models.TextField(blank=True)
    state = models.CharField(
        max_length=40,
        choices=_choices(states.PART_STATES),
        default=states.UNMATCHED,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts_assigned",
    )
    # The team whose team manager allocates after a CSM approves (2.1.2.1, 2.1.3.1).
    team = models.ForeignKey(
        "records.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    decision = models.CharField(max_length=10, blank=True)  # approve | decline
    decision_reason = models.TextField(blank=True)
    # The approving CSM also approves any hard copies (section 1, note).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    lawful_basis = models.JSONField(null=True, blank=True)

    # When each stage began or ended, kept on the part (the audit trail is
    # written for proof, never read to decide).
    forwarded_at = models.DateTimeField(null=True, blank=True)
    identity_reverified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    identity_reverified_at = models.DateTimeField(null=True, blank=True)
    supplied_at = models.DateTimeField(null=True, blank=True)
    # Ended without information (states.ENDED), and why.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_because = models.CharField(
        max_length=30, blank=True, choices=_choices(states.END_REASONS)
    )

    class Meta:
        ordering = ["request", "number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="unique_subject_number"),
            _one_of("state", states.PART_STATES, "part_state_known"),
        ]

    def __str__(self) -> str:
        return f"{self.request.reference} subject {self.number}"

    @property
    def name_given(self) -> str:
        return f"{self.forename} {self.surname}".strip()

    @property
    def known(self) -> bool:
        return self.matched and self.person_id is not None


class PartHolder(models.Model):
    """Who holds and held each part, in what role, from when until when (2.1).

    Written by the steps that hand a part on (forward, pass to a CSM, decide,
    allocate); read by access (who may see a request or its documents). The
    current holder is also RequestSubject.assignee.
    """

    subject = models.ForeignKey(RequestSubject, on_delete=models.CASCADE, related_name="holders")
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="holders")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=40)
    since = models.DateTimeField()
    until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["since", "id"]
        indexes = [models.Index(fields=["staff", "request"])]

    def __str__(self) -> str:
        return f"{self.staff_id} holds {self.subject_id} as {self.role}"


class IdentityCheck(models.Model):
    """A check of the requestor's identity: by the SCIMT officer for the whole
    request (section 1), or by the allocated worker for one part (2.1.2.2, 2.1.3.2)."""

    class Method(models.TextChoices):
        CALL_BACK = "call_back", "Called back on a known number"
        SECURE_EMAIL = "secure_email", "Secure email from the agency"
        KNOWN_CONTACT = "known_contact", "Known contact"
        ID_DOCUMENT = "id_document", "Identity document"

    class Outcome(models.TextChoices):
        VERIFIED = "verified", "Verified"
        FAILED = "failed", "Not verified"

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="identity_checks")
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(max_length=20, choices=Method.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["checked_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} by {self.get_method_display().lower()}"
