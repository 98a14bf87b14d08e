"""Searching and viewing with an access-log entry: who, when, which person, for
which request (DESIGN.md, audit/: every search and every view of a person is an
event)."""

from datetime import date

from disclose.audit.log import record_access
from disclose.records.models import Person

from .query import Match, search_persons


def search_and_log(*, actor, request_reference: str = "", **query) -> list[Match]:
    """search_persons, and an access-log entry naming the query and every person found."""
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
        },
    )
    return matches


def log_person_view(*, actor, person: Person, request_reference: str) -> None:
    """Record that actor opened this person's record while working on a request."""
    record_access(
        event_type="person_viewed",
        actor=actor,
        person=person,
        request_reference=request_reference,
        detail={"person_id": person.person_id},
    )
