"""What waits on whom: read-only queries for 'my work' pages.

There is no task table: a part's assignee and state say who must act next
(DESIGN.md: services write, selectors read).
"""

from django.db.models import QuerySet

from disclose.procedure import states
from disclose.records.models import Holding, Staff

from .models import FileMovement, Request, RequestSubject

_BEFORE_FORWARD = (
    states.RECEIVED,
    states.IDENTITY_VERIFIED,
    states.IDENTITY_NOT_VERIFIED,
    states.BASIC_INFORMATION_SHARED,
)


def parts_waiting_on(staff: Staff) -> QuerySet[RequestSubject]:
    """Parts of open requests assigned to this person that they must act on."""
    return (
        RequestSubject.objects.filter(assignee=staff, request__state=states.FORWARDED)
        .exclude(state__in=states.FINISHED_PART_STATES)
        .select_related("request", "person", "team")
        .order_by("request__received", "request_id", "number")
    )


def requests_at_intake() -> QuerySet[Request]:
    """Requests the SCIMT has not yet forwarded (section 1)."""
    return Request.objects.filter(state__in=_BEFORE_FORWARD).order_by("received", "id")


def requests_ready_to_close(staff: Staff) -> QuerySet[Request]:
    """Forwarded requests where this person holds a part and every part is done."""
    unfinished = RequestSubject.objects.exclude(state__in=states.FINISHED_PART_STATES)
    return (
        Request.objects.filter(state=states.FORWARDED, subjects__assignee=staff)
        .exclude(subjects__in=unfinished)
        .distinct()
        .order_by("received", "id")
    )


def holdings_waiting() -> list[FileMovement]:
    """For business support: the latest movement of each holding asked for and
    not yet retrieved, or out of storage and not yet returned (2.1.3.3, 2.1.3.5).
    Few holdings are out at once, so this reads them all."""
    latest: dict[int, FileMovement] = {}
    rows = (
        FileMovement.objects.filter(
            holding__status__in=[Holding.Status.REQUESTED, Holding.Status.RETRIEVED]
        )
        .select_related("holding", "request", "by")
        .order_by("id")
    )
    for movement in rows:
        latest[movement.holding_id] = movement
    return list(latest.values())


# Due dates per stage (issue 7) live in deadlines.py; read them from here too.
from .deadlines import deadlines_for as deadlines_for  # noqa: E402
