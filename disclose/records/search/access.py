"""Searching and viewing with an access-log entry: who, when, which person, for
which request (DESIGN.md, audit/: every search and every view of a person is an
event)."""

from datetime import date

from disclose.audit.log import record_access
from disclose.records.models import Person

from .query import Match, search_persons


def search_and_log(
    *, actor, request_reference: str = "", review: dict | None = None, **query
) -> list[Match]:
    """search_persons, and an access-log entry naming the query and every person found.
    `review` is what a search for a review adds to the entry: its reason, and a flag."""
    matches = search_persons(**query)
    dob: date | None = query.get("dob")
    record_access(
        event_type="person_search",
        actor=actor,
        request_reference=request_reference,
        detail={
            "query": {
                "forename": query.get("forename", ""),
                "surname": query.get("surname", ""),
                "dob": dob.isoformat() if dob else "",
                "nhs_number": query.get("nhs_number", ""),
            },
            "results": [m.person.pk for m in matches],
            **(review or {}),
        },
    )
    return matches


def log_person_view(
    *, actor, person: Person, request_reference: str, review: dict | None = None
) -> None:
    """Record that actor opened this person's record while working on a request, or
    for a review (`review`: its reason, and a flag)."""
    record_access(
        event_type="person_viewed",
        actor=actor,
        person=person,
        request_reference=request_reference,
        detail={"person_id": person.person_id, **(review or {})},
    )
