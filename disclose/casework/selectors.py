"""What waits on whom: read-only queries for the 'my work' pages and the
queues of business support, CSMs and Legal Services (DESIGN.md: services
write, selectors read).

There is no task table: a part's assignee and state say who must act next.
Paper files and microfilm (2.1.3.3, 2.1.3.5): what to fetch, what is out and
with whom, and what is overdue for return to storage. Hard copies (2.2): lists
waiting for a CSM, lists whose CSM has left, items ready to send, and police
requests for copies sent to Legal Services.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from disclose.council.models import CouncilProfile
from disclose.procedure import hard_copies as rules
from disclose.procedure import states
from disclose.procedure.working_days import working_days_between
from disclose.records.models import Holding, Staff

from .models import FileMovement, HardCopyItem, HardCopyList, Request, RequestSubject
from .visibility import in_teams_managed, own_team


def parts_waiting_on(staff: Staff | int) -> QuerySet[RequestSubject]:
    """Parts of open requests assigned to this person that they must act on."""
    return (
        RequestSubject.objects.filter(assignee=staff, request__state=states.FORWARDED)
        .exclude(state__in=states.FINISHED_PART_STATES)
        .select_related("request", "person", "team")
        .order_by("request__received", "request_id", "number")
    )


def parts_held_by_team(manager: Staff) -> QuerySet[RequestSubject]:
    """My team's work (issue 13): open parts held by members of the teams this
    person manages, as team manager or CSM (and, for a team manager, their own
    team), except their own."""
    return parts_held_by_teams_managed(manager.pk, own_team(manager))


def parts_held_by_teams_managed(manager: int, own_team: int | None) -> QuerySet[RequestSubject]:
    """parts_held_by_team, from ids (see visibility.in_teams_managed)."""
    return (
        RequestSubject.objects.filter(
            in_teams_managed(manager, own_team, "assignee__team"), request__state=states.FORWARDED
        )
        .exclude(state__in=states.FINISHED_PART_STATES)
        .exclude(assignee=manager)
        .select_related("request", "person", "assignee__team")
        .order_by("request__received", "request_id", "number")
    )


# With the SCIMT: before forward, waiting for the requestor to narrow it
# (section 1), and withdrawn, for the SCIMT to close once files are back.
WITH_THE_SCIMT = states.BEFORE_FORWARD | {states.AWAITING_NARROWING, states.WITHDRAWN}


def requests_at_intake() -> QuerySet[Request]:
    """Requests the SCIMT has not yet forwarded (section 1), or must close."""
    return Request.objects.filter(state__in=WITH_THE_SCIMT).order_by("received", "id")


def requests_ready_to_close(staff: Staff | int) -> QuerySet[Request]:
    """Forwarded requests where this person holds a part and every part is done."""
    # EXISTS on each request's own parts: a NOT IN over every unfinished part
    # took 2 s at 5,000 requests (issue 11).
    parts = RequestSubject.objects.filter(request=OuterRef("pk"))
    unfinished = parts.exclude(state__in=states.FINISHED_PART_STATES)
    return (
        Request.objects.filter(state__in=(states.FORWARDED, states.WITHDRAWN))
        .filter(Exists(parts.filter(assignee=staff)), ~Exists(unfinished))
        .order_by("received", "id")
    )


def holdings_waiting() -> list[FileMovement]:
    """For business support: the latest movement of each holding asked for and
    not yet retrieved, or out of storage and not yet returned (2.1.3.3, 2.1.3.5)."""
    return _latest_movements(Holding.Status.REQUESTED, Holding.Status.RETRIEVED)


# Working days a holding may stay out of storage, unless the council profile's
# time_limits set "files_return".
DEFAULT_FILES_RETURN_DAYS = 20


def _latest_movements(*statuses: str) -> list[FileMovement]:
    """The latest movement of each holding now in one of `statuses`, in one
    query (a page's fixed cost is mostly its queries). Few are out at once."""
    latest: dict[int, FileMovement] = {}
    rows = (
        FileMovement.objects.filter(holding__status__in=statuses)
        .select_related("holding__person", "request", "by", "with_whom")
        .order_by("id")
    )
    for movement in rows:
        latest[movement.holding_id] = movement
    return sorted(latest.values(), key=lambda m: (m.at, m.pk))


def holdings_to_fetch() -> list[FileMovement]:
    """Asked for by a worker, not yet retrieved from storage (2.1.3.3)."""
    return _latest_movements(Holding.Status.REQUESTED)


def holdings_out() -> list[FileMovement]:
    """Out of storage: the retrieval, saying who has them (2.1.3.5)."""
    return _latest_movements(Holding.Status.RETRIEVED)


def files_return_days() -> int:
    limits = CouncilProfile.current().time_limits or {}
    return int(limits.get("files_return", DEFAULT_FILES_RETURN_DAYS))


@dataclass(frozen=True)
class Overdue:
    movement: FileMovement
    working_days_out: int


def holdings_overdue(today: date | None = None) -> list[Overdue]:
    """Out of storage for more than the council's limit, in working days."""
    today = today or timezone.localdate()
    limit = files_return_days()
    found = []
    for movement in holdings_out():
        out = working_days_between(timezone.localtime(movement.at).date(), today)
        if out > limit:
            found.append(Overdue(movement, out))
    return found


def hard_copies_to_decide(csm: Staff | int) -> QuerySet[HardCopyList]:
    """Lists this CSM must approve or refuse (section 1, note)."""
    return (
        HardCopyList.objects.filter(approver=csm, state=rules.AWAITING_APPROVAL)
        .select_related("request", "subject__person", "listed_by")
        .order_by("listed_at", "id")
    )


def hard_copy_approvals_to_reassign() -> QuerySet[HardCopyList]:
    """Lists waiting for a CSM who has left: a CSM must reassign them."""
    return (
        HardCopyList.objects.filter(state=rules.AWAITING_APPROVAL, approver__is_active=False)
        .select_related("request", "subject__person", "approver")
        .order_by("listed_at", "id")
    )


def hard_copies_to_send() -> QuerySet[HardCopyItem]:
    """Approved items not yet sent, for business support; third-party items
    show whether their agency has confirmed."""
    return (
        HardCopyItem.objects.filter(status__in=rules.SENDABLE)
        .select_related("request", "hard_copy_list__decided_by", "document")
        .order_by("request_id", "id")
    )


def hard_copies_for_legal_services() -> QuerySet[HardCopyList]:
    """Police requests for hard copies, sent to Legal Services (2.2)."""
    return (
        HardCopyList.objects.filter(state=rules.REDIRECTED)
        .select_related("request", "subject__person", "listed_by")
        .prefetch_related("items")
        .order_by("-listed_at", "-id")
    )


# Due dates per stage (issue 7) live in deadlines.py; read them from here too.
from .deadlines import deadlines_for as deadlines_for  # noqa: E402
