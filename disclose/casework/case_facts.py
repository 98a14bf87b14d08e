"""One request's rows -> the facts the steps' pre-checks read (procedure/case.py).

Used by the services inside a step (the rows locked) and by the pages to
decide which steps to offer (casework/actions.py), so the two always agree.
A fixed number of queries, however many parts, lists or files.
"""

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet

from disclose.procedure import states
from disclose.procedure.case import Case, HoldingFacts, ListFacts, PartFacts
from disclose.procedure.decisions import Decision
from disclose.procedure.routing import route_subject
from disclose.records.models import Holding

from .facts import World, build_world, request_facts
from .models import (
    ClockStop,
    Document,
    FileMovement,
    HardCopyList,
    PartHolder,
    Request,
    RequestSubject,
)
from .prefetched import prefetched


def with_facts(requests: QuerySet[Request]) -> QuerySet[Request]:
    """These requests with every row case_of reads, for a list that asks what
    may be done on many requests at once (my team's work): a fixed number of
    queries for the whole list, not several for each request on it."""
    return requests.select_related("owner").prefetch_related(
        Prefetch(
            "subjects",
            RequestSubject.objects.select_related("person", "assignee__team", "worker")
            .prefetch_related("person__holdings")
            .order_by("number"),
        ),
        Prefetch("hard_copy_lists", HardCopyList.objects.select_related("approver", "decided_by")),
        "hard_copy_lists__items",
        "clock_stops",
        "file_movements",
        Prefetch("holders", PartHolder.objects.select_related("staff")),
        Prefetch("documents", Document.objects.only("id", "request_id")),
    )


def case_of(request: Request, parts: Sequence[RequestSubject]) -> Case:
    """The facts of `request`, whose parts (with person and assignee loaded) are `parts`."""
    lists = _hard_copy_lists(request)
    in_storage = _holdings_in_storage(parts)
    stops = _open_clock_stops(request)
    # Who holds a part now (a past holder has handed it on), and who decides its hard copies.
    if prefetched(request, "holders") is not None:
        holders = {h.staff.username for h in request.holders.all() if h.until is None}
    else:
        holders = set(
            PartHolder.objects.filter(request=request, until__isnull=True).values_list(
                "staff__username", flat=True
            )
        )
    holders |= {
        ref for lists_of_part in lists.values() for lst in lists_of_part for ref in lst.deciders
    }
    return Case(
        state=request.state,
        reference=request.reference,
        parts=tuple(
            PartFacts(
                number=part.number,
                state=part.state,
                assignee=part.assignee.username if part.assignee_id else None,
                route=part.route or None,
                matched=part.matched,
                worker=part.worker.username if part.worker_id else None,
                holdings_in_storage=in_storage.get(part.person_id, frozenset()),
                hard_copy_lists=tuple(lists.get(part.pk, ())),
                clock_stopped=part.pk in stops,
                assignee_team=str(part.assignee.team_id)
                if part.assignee_id and part.assignee.team_id
                else None,
                assignee_active=part.assignee.is_active if part.assignee_id else True,
                # Logged by the worker it was made to (section 1): they check first.
                identity_checked=not request.logged_directly,
            )
            for part in parts
        ),
        owner=request.owner.username if request.owner_id else None,
        holders=frozenset(holders),
        triaged=request.triaged_at is not None,
        files_out=sum(1 for h in holdings_of(request) if h.last != FileMovement.Kind.RETURNED),
        documents=len(request.documents.all())
        if prefetched(request, "documents") is not None
        else request.documents.count(),
        clock_stopped=None in stops,
        **_forward_facts(request, parts),
    )


def _open_clock_stops(request: Request) -> list[int | None]:
    """The part of each clock stopped now (None: the whole request's)."""
    if prefetched(request, "clock_stops") is not None:
        return [c.subject_id for c in request.clock_stops.all() if c.restarted_on is None]
    return list(
        ClockStop.objects.filter(request=request, restarted_on__isnull=True).values_list(
            "subject_id", flat=True
        )
    )


def holdings_of(request: Request) -> list[HoldingFacts]:
    """Each holding asked for on this request, with its latest movement."""
    if prefetched(request, "file_movements") is not None:
        moves = [(m.pk, m.holding_id, m.kind) for m in request.file_movements.all()]
    else:
        moves = FileMovement.objects.filter(request=request).values_list("pk", "holding_id", "kind")
    last: dict[int, str] = {}
    for _, holding_id, kind in sorted(moves):
        last[holding_id] = kind
    return [HoldingFacts(key=key, last=kind) for key, kind in last.items()]


def route_decisions(parts: Sequence[RequestSubject]) -> tuple[World, list[Decision]]:
    """Each subject's route by section 2, from the records as they are now."""
    world = build_world(p.person for p in parts)
    facts = request_facts(parts[0].request) if parts else None
    return world, [route_subject(world.facts_for(p.person), facts, world.council) for p in parts]


def waiting_to_forward(request: Request, parts: Sequence[RequestSubject]) -> list[RequestSubject]:
    """The parts forward would send on now: every matched part before forward;
    after it, those that waited because nobody could hold them (2.1)."""
    ready = request.state in (
        states.IDENTITY_VERIFIED,
        states.BASIC_INFORMATION_SHARED,
        states.FORWARDED,
    )
    if not ready or not parts or not all(p.matched for p in parts):
        return []
    return [p for p in parts if p.state == states.MATCHED]


def _forward_facts(request: Request, parts: Sequence[RequestSubject]) -> dict:
    """Worked out only when forwarding is the next step: it reads the records."""
    waiting = waiting_to_forward(request, parts)
    if not waiting:
        return {}
    world, decisions = route_decisions(waiting)
    problems = routing_problems(waiting, decisions, world)
    blocked = {p.number for p, d in zip(waiting, decisions, strict=True) if route_problem(d, world)}
    return {
        "forward_problems": tuple(problems),
        "forward_ready": tuple(p.number for p in waiting if p.number not in blocked),
    }


def route_problem(decision: Decision, world: World) -> str | None:
    if decision.problem:
        return decision.problem
    if decision.assignee and decision.assignee not in world.staff:
        return f"{decision.assignee} is not a member of staff."
    return None


def routing_problems(parts, decisions: list[Decision], world: World) -> list[str]:
    problems = []
    for part, decision in zip(parts, decisions, strict=True):
        problem = route_problem(decision, world)
        if problem:
            problems.append(f"Subject {part.number}: {problem}")
    return problems


def _hard_copy_lists(request: Request) -> dict[int, list[ListFacts]]:
    found: dict[int, list[ListFacts]] = {}
    if prefetched(request, "hard_copy_lists") is not None:
        rows = sorted(request.hard_copy_lists.all(), key=lambda row: row.pk)
    else:
        rows = (
            HardCopyList.objects.filter(request=request)
            .select_related("approver", "decided_by")
            .prefetch_related("items")
            .order_by("id")
        )
    for row in rows:
        approver = row.approver
        found.setdefault(row.subject_id, []).append(
            ListFacts(
                state=row.state,
                approver=approver.username if approver else None,
                approver_name=approver.display_name if approver else "",
                approver_active=bool(approver and approver.is_active),
                deciders=frozenset(s.username for s in (approver, row.decided_by) if s is not None),
                items=tuple(item.facts() for item in row.items.all()),
            )
        )
    return found


def _holdings_in_storage(parts: Sequence[RequestSubject]) -> dict[int, frozenset[str]]:
    people = [p.person for p in parts if p.person_id]
    kinds: dict[int, set[str]] = {}
    if people and all(prefetched(person, "holdings") is not None for person in people):
        rows = [
            (h.person_id, h.kind)
            for p in people
            for h in p.holdings.all()
            if h.status == Holding.Status.IN_STORAGE
        ]
    else:
        rows = Holding.objects.filter(
            person__in=people, status=Holding.Status.IN_STORAGE
        ).values_list("person_id", "kind")
    for person_id, kind in rows:
        kinds.setdefault(person_id, set()).add(kind)
    return {k: frozenset(v) for k, v in kinds.items()}
