"""The basic facts the SCIMT shares (section 1), before the request is
forwarded (2.1): one message to the requestor for all the subjects it can
cover, not one per child, and a case note on each known subject's record."""

from django.utils import timezone

from disclose.procedure import states
from disclose.procedure.basic_facts import basic_facts
from disclose.procedure.route_words import next_step_words

from ..case_facts import route_decisions, route_problem
from ..models import Disclosure, RequestSubject
from ._base import Step, role_words


def share(step: Step, *, by_forward: bool = False) -> None:
    """Tell the requestor the basic facts of every subject: the known in one
    message, those not known in another (each kind says what they were told),
    each logged as a disclosure and case noted on a known subject's record."""
    world, decisions = route_decisions(step.parts)
    names = {ref: s.display_name for ref, s in world.staff.items()}
    told: dict[str, list[tuple[RequestSubject, dict]]] = {}
    for part, decision in zip(step.parts, decisions, strict=True):
        facts = basic_facts(world.facts_for(part.person))
        name = part.person.full_name if part.person else part.name_given
        sentences = facts.sentences(name, names)
        # What happens next, in the words of this subject's route, so that this
        # message and the one sent at forward say the same thing (2.1, 2.3).
        route = None if route_problem(decision, world) else decision.route
        kind = "basic_information" if facts.known else "not_known"
        told.setdefault(kind, []).append(
            (
                part,
                {
                    "name": name,
                    "dob": part.dob,
                    "sentences": sentences,
                    "next": next_step_words(route, step.request.requestor_agency),
                },
            )
        )
    for kind, subjects in told.items():
        parts = [part for part, _ in subjects]
        step.message(
            kind,
            subject=parts[0] if len(parts) == 1 else None,
            subjects=[about for _, about in subjects],
            subject_name=names_together([about["name"] for _, about in subjects]),
        )
        for part, about in subjects:
            step.disclose(part, kind, " ".join(about["sentences"]))


def note_closed_unforwarded(step: Step, reason: str) -> None:
    """Section 1 and 2.1: a request that closes once the basic facts were shared,
    without being forwarded, still leaves on each known subject's record what
    the requestor was told, by whom and why it went no further."""
    if step.request.state != states.BASIC_INFORMATION_SHARED:
        return
    told = {
        d.subject_id: d
        for d in Disclosure.objects.filter(
            request=step.request, kind__in=("basic_information", "not_known")
        )
    }
    request = step.request
    why = f" Reason: {reason}" if reason else ""
    for part in step.parts:
        shared = told.get(part.pk)
        if shared is None:
            continue
        step.case_note(
            part,
            f"{role_words(step.actor)} closed request {request.reference} from "
            f"{request.requestor_name} ({request.get_requestor_agency_display()}) without "
            f"forwarding it. The basic information shared with the requestor on "
            f"{timezone.localtime(shared.disclosed_at):%d %B %Y} was: {shared.what}{why}",
        )


def names_together(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
