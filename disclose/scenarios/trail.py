"""The trail: what happened, as JSON, in the file's own ids (shared/spec/scenarios.md).

Everything here is read back from the database after the steps have run, so
the trail shows what the services actually stored, not what the runner hoped.
Fields beyond the spec's are added, never renamed: subjects[].state,
subjects[].name_given, subjects[].ended_because, closed_because, withdrawn,
messages[].subject, disclosures, notifications.
`record_system` is the contract's (version 2): each case note and document
queued for the council's record system, and where its delivery stands.
"""

from typing import Any

from disclose.audit.log import verify
from disclose.audit.models import AuditEvent
from disclose.audit.sequencer import chain_waiting
from disclose.casework.models import Disclosure, Message, Request, StaffNotification
from disclose.outbox.models import Outgoing
from disclose.procedure.states import CLOSED, COMPLETE
from disclose.records.models import CaseNote, Holding

from .schema import Scenario
from .world import World


def request_assignee(request: Request, world: World) -> str | None:
    """Who the request sits with: nobody once closed; the one holder of its
    parts still in hand if there is exactly one; otherwise the officer who owns it
    (before forward, or while parts sit with several people)."""
    if request.state == CLOSED:
        return None
    holders = {
        part.assignee_id
        for part in request.subjects.all()
        if part.assignee_id is not None and part.state != COMPLETE
    }
    if len(holders) == 1:
        return world.staff_id(holders.pop())
    return world.staff_id(request.owner_id)


def build_trail(
    scenario: Scenario,
    request: Request,
    world: World,
    steps: list[dict],
    after_forward: dict[int, str | None] | None,
) -> dict[str, Any]:
    # What the worker's sequencer would do within seconds, done now, so the chain is whole.
    chain_waiting()
    chain = verify()
    return {
        "scenario": scenario.name,
        "file": scenario.path,
        "request": {
            "reference": request.reference,
            "state": request.state,
            "assignee": request_assignee(request, world),
        },
        # Contract version 2: closed after a withdrawal, or never narrowed.
        # Beside `request`, whose fields the spec fixes.
        "closed_because": request.closed_because or None,
        "withdrawn": request.withdrawn_at is not None,
        "subjects": _subjects(request, world, after_forward),
        "steps": steps,
        "case_notes": [
            {
                "person": world.person_id(n.person_id),
                "author": world.staff_id(n.author_id),
                "text": n.text,
            }
            for n in CaseNote.objects.filter(request_reference=request.reference)
        ],
        "messages": [
            {
                "to": "requestor",
                "kind": m.kind,
                "text": m.text,
                "subject": m.subject.number if m.subject_id else None,
            }
            for m in Message.objects.filter(request=request).select_related("subject")
        ],
        "hard_copies": _hard_copies(request),
        "dispatches": _dispatches(request, world),
        "holdings": [
            {"id": key, "status": Holding.objects.get(pk=h.pk).status}
            for key, h in world.holdings.items()
        ],
        "disclosures": [
            {
                "kind": d.kind,
                "person": world.person_id(d.person_id),
                "to": d.to_name,
                "basis": d.basis,
                "by": world.staff_id(d.disclosed_by_id),
            }
            for d in Disclosure.objects.filter(request=request)
        ],
        "notifications": [
            {"to": world.staff_id(n.staff_id), "kind": n.kind}
            for n in StaffNotification.objects.filter(request=request)
        ],
        "record_system": _record_system(request, world),
        "audit": {
            "events": AuditEvent.objects.count(),
            "chain_verified": chain.ok,
        },
    }


# The contract's three words for where an entry stands.
RECORD_STATUS = {
    Outgoing.Status.WAITING: "queued",
    Outgoing.Status.SENDING: "queued",
    Outgoing.Status.DELIVERED: "delivered",
    Outgoing.Status.FAILED: "failed",
}


def _record_system(request: Request, world: World) -> list[dict]:
    entries = Outgoing.objects.filter(
        request_reference=request.reference, channel=Outgoing.Channel.RECORD_SYSTEM
    ).order_by("id")
    return [
        {"person": world.person_id(e.person_id), "kind": e.kind, "status": RECORD_STATUS[e.status]}
        for e in entries
    ]


def _subjects(request: Request, world: World, after_forward: dict | None) -> list[dict]:
    subjects = []
    for part in request.subjects.select_related("assignee").order_by("number"):
        # A request sent elsewhere at receipt (section 1, 2.4) has one outcome for all.
        route = part.route or request.outcome_route or None
        subjects.append(
            {
                "subject": part.number,
                "person": world.person_id(part.person_id),
                "route": route,
                "paragraph": part.paragraph or request.outcome_paragraph or None,
                "assignee": (after_forward or {}).get(
                    part.number, world.staff_id(part.assignee_id)
                ),
                "rationale": part.rationale or request.outcome_rationale or "",
                "state": part.state,
                "matched": part.matched,
                "name_given": part.name_given,
                "ended_because": part.ended_because or None,
                # Its holder has left: it waits for someone to reassign it (December 2026).
                "holder_has_left": bool(part.assignee_id and not part.assignee.is_active),
            }
        )
    return subjects


def _hard_copies(request: Request) -> list[dict]:
    """Hard copies come with a later issue; until their model exists the list is empty."""
    items = getattr(request, "hard_copies", None)
    if items is None:
        return []
    return [
        {"title": i.title, "third_party": i.third_party, "status": i.status} for i in items.all()
    ]


def _dispatches(request: Request, world: World) -> list[dict]:
    dispatches = getattr(request, "dispatches", None)
    if dispatches is None:
        return []
    return [
        {"by": world.staff_id(d.by_id), "method": d.method, "items": list(d.item_titles())}
        for d in dispatches.all()
    ]
