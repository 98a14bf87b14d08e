"""Who accessed or changed a person's record; what a member of staff accessed (issue 6).

Selectors only: they return plain rows, so the command line and a later web
page for information governance show the same thing.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import QuerySet

from disclose.records.models import Person, Staff

from .models import AuditEvent

# Plain words for the event types people will see most; others are spelt out.
_WHAT = {
    "person_viewed": "Viewed the record",
    "person_search": "Searched the records",
    "admin_list_viewed": "Listed records in admin",
    "request_viewed": "Viewed a request",
    "admin_change": "Changed in admin",
    "records_imported": "Imported records",
    "council_profile_changed": "Changed the council profile",
    "database_backup": "Backed up the database",
    "database_restored": "Restored the database",
}


# Events that name the people they showed in detail["results"]: how each reads in
# the trail of one of those people, and what the count says.
_LISTED = {
    "person_search": ("Found in a search", "found"),
    "admin_list_viewed": ("Listed in admin", "shown"),
    # A request names its subjects: viewing it is viewing them (issue 15, item 7).
    "request_viewed": ("Named on a request that was viewed", "named"),
}
LISTING_EVENTS = tuple(_LISTED)


@dataclass(frozen=True)
class AuditRow:
    seq: int | None  # None for the few seconds before the sequencer chains the event
    at: datetime
    category: str
    event_type: str
    what: str
    username: str
    staff_name: str
    person_id: str
    person_name: str
    request_reference: str
    detail: dict
    for_review: bool = False  # a search or view under a written reason, not a request


def find_person(person_id: str) -> Person | None:
    """The person with this record id (Person.person_id), or None."""
    return Person.objects.filter(person_id=person_id).first()


def find_user(username: str) -> Staff | None:
    return Staff.objects.filter(username=username).first()


def person_trail(*, person: Person, since: datetime | None = None) -> list[AuditRow]:
    """Every event about this person: views, changes, and searches and admin lists that
    showed them."""
    direct = _events(since).filter(person_id=person.pk)
    searches = _events(since).filter(event_type__in=LISTING_EVENTS)
    if connection.features.supports_json_field_contains:
        found = list(searches.filter(detail__results__contains=[person.pk]))
    else:
        # SQLite cannot ask "is this id in the JSON list"; read the searches instead.
        found = [e for e in searches.iterator() if person.pk in (e.detail.get("results") or [])]
    found_ids = {e.pk for e in found}
    events = sorted([*direct, *found], key=lambda e: e.pk)
    return [_row(e, person, found_in_search=e.pk in found_ids) for e in events]


def user_trail(*, user: Staff, since: datetime | None = None) -> list[AuditRow]:
    """Every event this member of staff caused: what they looked at and changed."""
    events = list(_events(since).filter(actor=user))
    people = Person.objects.in_bulk({e.person_id for e in events if e.person_id})
    return [_row(e, people.get(e.person_id)) for e in events]


def reviews(*, since: datetime | None = None) -> list[AuditRow]:
    """Searches and views made for a review under a written reason, not for a
    request (casework/justification.py): each is for someone to check."""
    events = list(_events(since).filter(detail__for_review=True))
    people = Person.objects.in_bulk({e.person_id for e in events if e.person_id})
    return [_row(e, people.get(e.person_id)) for e in events]


def _events(since: datetime | None) -> QuerySet[AuditEvent]:
    # In the order written: the newest may not have their place in the chain yet.
    events = AuditEvent.objects.select_related("actor").order_by("id")
    return events.filter(at__gte=since) if since else events


def _row(event: AuditEvent, person: Person | None, found_in_search: bool = False) -> AuditRow:
    actor = event.actor
    return AuditRow(
        seq=event.seq,
        at=event.at,
        category=event.category,
        event_type=event.event_type,
        what=_what(event, found_in_search),
        username=actor.username if actor else "",
        staff_name=actor.display_name if actor else "(the system)",
        person_id=person.person_id if person else _removed(event),
        person_name=person.full_name if person else "",
        request_reference=event.request_reference,
        detail=event.detail,
        for_review=_for_review(event),
    )


def _for_review(event: AuditEvent) -> bool:
    return isinstance(event.detail, dict) and event.detail.get("for_review") is True


def _what(event: AuditEvent, found_in_search: bool) -> str:
    review = (
        f", for a review: {event.detail.get('review_reason', '')}" if _for_review(event) else ""
    )
    if event.event_type in LISTING_EVENTS:
        found_in, verb = _LISTED[event.event_type]
        if found_in_search:
            return found_in + review
        count = len(event.detail.get("results") or [])
        return f"{_WHAT[event.event_type]}: {count} {verb}{review}"
    what = _WHAT.get(event.event_type) or event.event_type.replace("_", " ").capitalize()
    via = event.detail.get("via") if isinstance(event.detail, dict) else None
    return f"{what}{review} (via {via})" if via else what + review


def _removed(event: AuditEvent) -> str:
    """A person since removed under the retention rules: keep what the event says."""
    if not event.person_id:
        return ""
    recorded = event.detail.get("person_id") if isinstance(event.detail, dict) else None
    return str(recorded or f"(removed, #{event.person_id})")


def columns() -> Iterable[str]:
    return AuditRow.__dataclass_fields__.keys()
