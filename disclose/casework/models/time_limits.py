"""Time limits (issue 7): the clock stopped and restarted, extensions, and the
reminders sent about them.

The limits themselves are in the council profile (CouncilProfile.time_limits);
due dates are worked out by casework/deadlines.py, and kept in `Deadline` by
the step that changed them, so lists sort and count by them in SQL. A changed
limit writes every request's again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .requests import Request, RequestSubject


class Stage(models.TextChoices):
    # The keys of CouncilProfile.time_limits.
    ACKNOWLEDGE = "acknowledge", "Acknowledge the request"
    BASIC_FACTS = "basic_facts", "Share the basic facts"
    CSM_DECISION = "csm_decision", "CSM's decision"
    SUPPLY = "supply", "Supply the information"
    HARD_COPIES = "hard_copies", "Hard copies"


class ClockStop(models.Model):
    """The clock stopped while waiting on the requestor, and when it restarted.

    On the whole request before it is forwarded (the SCIMT officer), or on one
    part after (its holder). Days while it is stopped do not count."""

    class Reason(models.TextChoices):
        CONSENT = "consent", "Awaiting consent"
        CLARIFICATION = "clarification", "Awaiting clarification"
        IDENTITY = "identity", "Awaiting proof of identity"

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="clock_stops")
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.CASCADE, related_name="clock_stops"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(blank=True)
    stopped_on = models.DateField()
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    stopped_at = models.DateTimeField()
    restarted_on = models.DateField(null=True, blank=True)
    restarted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    restarted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["stopped_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} from {self.stopped_on}"


class Extension(models.Model):
    """A stage's due date moved: who, when, the new date and why."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="extensions")
    subject = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.CASCADE, related_name="extensions"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    previous_due = models.DateField(null=True, blank=True)
    new_due = models.DateField()
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} to {self.new_due}"


class Reminder(models.Model):
    """One reminder email, kept whatever happens to it. `key` is unique, so a
    job run twice (or by two workers at once) never queues the same one twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue: to the manager"
        DIGEST = "digest", "Daily digest"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reminders"
    )
    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    # The part's number (0 for the whole request), so that the reminders job
    # can leave out, in SQL, the stages it has reminded already.
    part_number = models.PositiveSmallIntegerField(default=0)
    due = models.DateField(null=True, blank=True)
    to_address = models.EmailField(blank=True)
    subject_line = models.CharField(max_length=200)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    outgoing = models.OneToOneField(
        "outbox.Outgoing", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["request", "stage", "part_number", "due"], name="reminder_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_address or self.staff_id}"


class Deadline(models.Model):
    """One stage's due date, as deadlines.deadlines_for() works it out, kept so
    that lists sort and count by due date in SQL (issue 11, item 3).

    Every step writes its request's rows again, in its own transaction
    (deadlines_stored.store), and so does a change to the council's time
    limits. Nothing here depends on today: whether a stage is overdue is
    `due < today`, asked when read. deadlines_for() stays the one rule, and
    the request page still reads it directly."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="deadlines")
    part = models.ForeignKey(
        RequestSubject, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.PositiveSmallIntegerField(null=True, blank=True)  # the part's number
    stage = models.CharField(max_length=20, choices=Stage.choices)
    started_on = models.DateField()
    limit = models.PositiveSmallIntegerField()  # working days
    due = models.DateField(null=True, blank=True)  # None while the clock is stopped
    done_on = models.DateField(null=True, blank=True)
    # Who must act before it is done; None once it is done.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stopped = models.BooleanField(default=False)  # the clock is stopped now
    extended = models.BooleanField(default=False)
    # Working days that did not count (the clock stopped). For a stage done,
    # `taken` is final; for one open it is worked out from today when read.
    days_stopped = models.PositiveIntegerField(default=0)
    taken = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["request", "id"]
        indexes = [
            # Open stages by due date: overdue lists, My work's order, reminders.
            models.Index(fields=["done_on", "due"], name="deadline_open_due"),
            # The dashboard's overdue list, a page at a time in due order,
            # read from the front of the index however many are overdue.
            models.Index(
                fields=["due", "id"], condition=Q(done_on__isnull=True), name="deadline_open_by_due"
            ),
            models.Index(fields=["request", "done_on", "due"], name="deadline_request_due"),
            models.Index(fields=["holder", "done_on"], name="deadline_holder_open"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.stage} due {self.due}"
