"""A request made directly to the allocated worker of an open case (section 1;
procedure/direct_requests.py): the worker logs it, and each subject starts
with them on route open:allocated_worker (2.1.1). They check the requestor's
identity, then supply. Part of receiving the request, so it has no step of
its own."""

from datetime import date

from disclose.procedure import direct_requests as direct
from disclose.procedure import states
from disclose.procedure.route_words import route_words
from disclose.records.models import Person

from ..case_facts import route_decisions
from ..errors import refuse_if
from ._base import Step, role_words


def start_with_worker(step: Step) -> None:
    """Match each subject among the worker's own open cases, route it, and
    leave it with them. Refused, changing nothing, unless every subject is a
    person whose open case is allocated to them."""
    request, worker = step.request, step.actor
    theirs = list(
        Person.objects.filter(episodes__worker=worker, episodes__end__isnull=True)
        .prefetch_related("other_names")
        .distinct()
    )
    for part in step.parts:
        found = [p for p in theirs if _same_person(p, part.forename, part.surname, part.dob)]
        part.person = found[0] if len(found) == 1 else None
    routes = [("", None)] * len(step.parts)
    if all(part.person for part in step.parts):
        world, decisions = route_decisions(step.parts)
        routes = [(d.route, d.assignee) for d in decisions]
    refuse_if(direct.check_direct(step.who, routes))
    for part, decision in zip(step.parts, decisions, strict=True):
        part.matched = True
        part.route, part.paragraph, part.rationale = (
            decision.route,
            decision.paragraph,
            "The request was made directly to the allocated social worker of this open case, "
            "who logged it (section 1), so it stays with them (2.1.1).",
        )
        part.team = world.teams.get(decision.team) if decision.team else None
        part.state = states.ALLOCATED
        part.forwarded_at = step.now
        step.hand_to(part, worker, "social_worker")
        part.worker = worker
        part.save()
        step.case_note(
            part,
            f"{role_words(worker)} logged request {request.reference} from "
            f"{request.requestor_name} ({request.get_requestor_agency_display()}), made to them "
            f"directly as the allocated worker (section 1). Route: {route_words(part.route)} "
            f"(paragraph {part.paragraph}). Asked for: {request.details}",
        )
    request.state = states.FORWARDED
    request.logged_directly = True
    step.save_request("state", "logged_directly")


def _same_person(person: Person, forename: str, surname: str, dob: date | None) -> bool:
    """The name and date of birth given are this person's, or one of their other names.
    Only the worker's own open cases are looked at, so a plain match is enough."""
    if dob is not None and person.dob is not None and dob != person.dob:
        return False
    names = [(person.forename, person.surname)]
    names += [(n.forename or person.forename, n.surname) for n in person.other_names.all()]
    want = (forename.strip().lower(), surname.strip().lower())
    return any(s.lower() == want[1] and (not want[0] or f.lower() == want[0]) for f, s in names)
