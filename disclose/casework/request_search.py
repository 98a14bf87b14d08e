"""Finding requests: the /requests/ list's search, filters and order, as one
queryset limited to what the person may see (visibility.py). Nothing here
loads every request into Python; the database filters, sorts and pages.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from . import deadlines_stored
from .models import Agency, Request, RequestSubject
from .visibility import visible_requests

SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-received", "-id"),
    "oldest": ("received", "id"),
    "reference": ("reference",),
    "requestor": ("requestor_name", "id"),
}


@dataclass(frozen=True)
class Criteria:
    """What the person asked for; every field optional."""

    text: str = ""
    state: str = ""
    route: str = ""
    holder: int | None = None
    team: int | None = None
    overdue: bool = False
    received_from: date | None = None
    received_to: date | None = None
    sort: str = "newest"


def find_requests(user, criteria: Criteria) -> QuerySet[Request]:
    """The requests this person may see that meet the criteria, in order."""
    found = visible_requests(user)
    for word in criteria.text.split():
        found = found.filter(_matches(word))
    if criteria.state:
        found = found.filter(state=criteria.state)
    if criteria.route:
        found = found.filter(
            Q(outcome_route=criteria.route)
            | Q(pk__in=_parts(route=criteria.route).values("request_id"))
        )
    if criteria.holder:
        found = found.filter(pk__in=_parts(assignee_id=criteria.holder).values("request_id"))
    if criteria.team:
        team = Q(team_id=criteria.team) | Q(assignee__team_id=criteria.team)
        found = found.filter(pk__in=RequestSubject.objects.filter(team).values("request_id"))
    if criteria.received_from:
        found = found.filter(received__gte=criteria.received_from)
    if criteria.received_to:
        found = found.filter(received__lte=criteria.received_to)
    if criteria.overdue:
        found = found.filter(overdue())
    return found.order_by(*SORTS.get(criteria.sort, SORTS["newest"]))


def _parts(**lookups) -> QuerySet[RequestSubject]:
    return RequestSubject.objects.filter(**lookups)


def _matches(word: str) -> Q:
    """One word of the search: in the reference, the requestor's name or email,
    a subject's name as given or as matched, or the agency's name."""
    subjects = RequestSubject.objects.filter(
        Q(forename__icontains=word)
        | Q(surname__icontains=word)
        | Q(person__forename__icontains=word)
        | Q(person__surname__icontains=word)
    )
    agencies = [code for code, label in Agency.choices if word.lower() in label.lower()]
    return (
        Q(reference__icontains=word)
        | Q(requestor_name__icontains=word)
        | Q(requestor_email__icontains=word)
        | Q(requestor_agency__in=agencies)
        | Q(pk__in=subjects.values("request_id"))
    )


def overdue(today: date | None = None) -> Q:
    """Open requests with a stage past its due date, from the stored due
    dates (deadlines_stored.py): asked of the database, so the list's time
    does not grow with the requests it looks through."""
    today = today or timezone.localdate()
    late = deadlines_stored.open_deadlines().filter(request_id=OuterRef("pk"), due__lt=today)
    return Q(closed_at__isnull=True) & Q(Exists(late))


def earliest_due(requests: list[Request], today: date | None = None) -> dict[int, object]:
    """For the rows of one page: each request's earliest open stage (its due
    date and whether it is overdue), from the stored due dates, in one query."""
    today = today or timezone.localdate()
    found = {}
    rows = deadlines_stored.open_deadlines().filter(
        request_id__in=[r.pk for r in requests], due__isnull=False
    )
    for row in rows.select_related("holder").order_by("request_id", "due", "id"):
        found.setdefault(row.request_id, deadlines_stored.read(row, today))
    return found
