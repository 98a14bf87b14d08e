"""What a step will do, shown before the person confirms it.

These only read: they ask the same rules the services use (basic facts,
routing) so that what is shown is what will be sent. The service decides
again when the step is taken, with the request locked.
"""

from dataclasses import dataclass

from disclose.casework.facts import build_world, request_facts
from disclose.casework.models import Request
from disclose.procedure.basic_facts import basic_facts
from disclose.procedure.routing import route_subject


@dataclass(frozen=True)
class FactsPreview:
    number: int
    name: str
    sentences: list[str]


@dataclass(frozen=True)
class RoutePreview:
    number: int
    name: str
    route: str
    paragraph: str
    rationale: str
    holder: str
    team: str
    problem: str


def _subjects(case: Request):
    return list(case.subjects.select_related("person").order_by("number"))


def _name(subject) -> str:
    return subject.person.full_name if subject.person else subject.name_given


def basic_information(case: Request, part=None) -> dict:
    """Section 1: the facts each subject's message will carry."""
    subjects = _subjects(case)
    world = build_world(s.person for s in subjects)
    names = {ref: staff.display_name for ref, staff in world.staff.items()}
    rows = [
        FactsPreview(
            s.number,
            _name(s),
            basic_facts(world.facts_for(s.person)).sentences(_name(s), names),
        )
        for s in subjects
    ]
    return {"facts": rows, "all_matched": all(s.matched for s in subjects)}


def routes(case: Request, part=None) -> dict:
    """Section 2: where each subject will go, why, and to whom."""
    subjects = _subjects(case)
    world = build_world(s.person for s in subjects)
    facts = request_facts(case)
    rows = []
    for subject in subjects:
        decision = route_subject(world.facts_for(subject.person), facts, world.council)
        team = world.teams.get(decision.team) if decision.team else None
        rows.append(
            RoutePreview(
                number=subject.number,
                name=_name(subject),
                route=decision.route,
                paragraph=decision.paragraph,
                rationale=decision.rationale,
                holder=world.name_of(decision.assignee) if decision.assignee else "",
                team=team.name if team else "",
                problem=decision.problem or "",
            )
        )
    return {"routes": rows, "all_matched": all(s.matched for s in subjects)}


def hard_copies(case: Request, part=None) -> dict:
    """2.2: the lists of hard copies, with each item and where it is now."""
    lists = case.hard_copy_lists.select_related("subject", "approver", "listed_by")
    if part is not None:
        lists = lists.filter(subject=part)
    lists = lists.prefetch_related("items__document").order_by("id")
    return {"hard_copy_lists": list(lists)}


# Each step's page shows what the function of the same name returns, if any.
share_basic_information = basic_information
forward = routes
decide_hard_copies = reassign_hard_copy_approval = dispatch_hard_copies = hard_copies


def upload_document(case: Request, part=None) -> dict:
    from disclose.casework.document_store import ALLOWED_WORDS

    return {"upload_types": f"{ALLOWED_WORDS}."}


def triage(case: Request, part=None) -> dict:
    """Section 1's scope check: whether the request belongs to this procedure,
    and if not where it goes and that the requestor will be told."""
    from disclose.procedure.route_words import route_words
    from disclose.procedure.triage import triage as scope

    elsewhere = scope(request_facts(case))
    return {
        "elsewhere": elsewhere,
        "where": route_words(elsewhere.route) if elsewhere else "",
        "requestor_email": case.requestor_email,
    }
