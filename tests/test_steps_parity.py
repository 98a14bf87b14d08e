"""The pages and the services agree, step by step (issue 10, points 2 and 4).

For every declared step, in requests at every stage of the procedure, for a
member of staff in every role (holders and not): the page offers the step
(actions_for) if and only if the service accepts it, given good answers. An
accepted step writes exactly one audit event; a refused one writes none and
changes nothing. Each try is rolled back, so every step is tried on the same
request as it stood.
"""

import io
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from casework_factories import (
    build_office,
    snapshot,
)
from django.db import transaction
from hard_copy_factories import PDF
from step_situations import people_of, situations_of

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.actions import actions_for
from disclose.casework.actors import actor_of
from disclose.casework.case_facts import holdings_of
from disclose.casework.deadlines import deadlines_for
from disclose.casework.errors import StepRefused
from disclose.casework.models import HardCopyItem, Request
from disclose.procedure import reassignment as moves
from disclose.procedure import steps as declared
from disclose.procedure.steps import HOLDING, PART, REQUEST
from disclose.records.models import Holding

pytestmark = pytest.mark.django_db


@contextmanager
def rolled_back():
    """A savepoint undone afterwards. Marked as a test case's own, as Django's
    TestCase marks its transactions, so that a step's durable transaction may
    open inside it."""
    atomic = transaction.atomic()
    atomic._from_testcase = True
    with atomic:
        yield
        transaction.set_rollback(True)


def _arguments(name: str, request: Request, actor, office, *, subject=None, holding=None):
    """Good answers for step `name` on this request, as a person would give them."""
    # With no subject named, a step on parts acts on each: answer for the first.
    part = request.subjects.get(number=subject or 1)
    person = part.person
    given = {
        "verify_identity": {"method": "call_back", "outcome": "verified"},
        "reverify_identity": {"method": "call_back", "outcome": "verified"},
        "match_subject": {"person": person},
        "pass_to_csm": {
            "to": office.csm_d if actor != office.csm_d else office.csm_t1,
            "reason": "R.",
        },
        "decide": {"decision": "decline", "reason": "Not proportionate."},
        "allocate": {"worker": office.sw_t1},
        "supply_information": {"summary": "Dates."},
        "close": {"reason": ""},
        "withdraw": {"reason": "No longer needed."},
        "narrow_request": {"details": "The 2018 plan's dates.", "extent": "specific"},
        "request_hard_copies": {"items": [{"title": "Plan"}]},
        "decide_hard_copies": {"decision": "refuse", "reason": "No."},
        "reassign_hard_copy_approval": {"to": office.csm_d, "reason": "Left."},
        "dispatch_hard_copies": {"method": "cryptshare", "transfer_reference": "T-1"},
        "upload_document": {"file": io.BytesIO(PDF), "name": "copy.pdf"},
        "stop_clock": {"reason": "consent"},
        "stop_part_clock": {"reason": "consent"},
    }.get(name, {})
    if name in ("request_paper_files", "request_microfilm"):
        kind = "paper" if name == "request_paper_files" else "microfilm"
        found = Holding.objects.filter(person=person, kind=kind).first()
        given = {"holding": found or Holding.objects.filter(kind="paper").first()}
    if holding is not None:
        given = {"holding": Holding.objects.get(pk=holding)}
    if name == "confirm_third_party":
        item = HardCopyItem.objects.filter(request=request, third_party=True).first()
        given = {"item": item.title if item else "Police report", "confirmed": True}
    if name == "attach_hard_copy_file":
        item = HardCopyItem.objects.filter(request=request, document__isnull=True).first()
        document = request.documents.first()
        given = {"item": item.title if item else "Plan", "document": document}
    if name == "reassign":
        given = {"to": _someone_else_for(part, office), "reason": "Off sick."}
    if name in ("extend", "extend_part"):
        given = _extension(request, subject or (1 if request.state == "forwarded" else None))
    if subject is not None:
        given["subject"] = subject
    return given


def _someone_else_for(part, office):
    """Someone in post with the role the part needs now, who does not hold it."""
    wanted = moves.role_for_stage(part.state) or "social_worker"
    by_role = {
        "csm": (office.csm_d, office.csm_t1),
        "team_manager": (office.tm_d, office.tm_t1),
        "social_worker": (office.sw_d, office.sw_t1),
    }[wanted]
    return next(s for s in by_role if s.pk != part.assignee_id)


def _extension(request: Request, subject) -> dict:
    open_stages = [d for d in deadlines_for(request) if d.open and d.subject == subject]
    stage = open_stages[0].stage if open_stages else "acknowledge"
    return {"stage": stage, "new_due": date.today() + timedelta(days=400), "reason": "Ill."}


def _places(verb: str, request: Request) -> list[dict]:
    """Where a verb can be asked for: on the request as a whole (which, for a
    step on parts, means every part the person may take it on), on each part,
    on each holding asked for."""
    kinds = {spec.on for spec in declared.VERBS[verb]}
    names_a_subject = any(f.name == "subject" for f in declared.fields_of(verb))
    places = [{}] if kinds & {REQUEST, PART} and not names_a_subject else []
    if PART in kinds:
        places += [{"subject": s.number} for s in request.subjects.order_by("number")]
    if HOLDING in kinds:
        places += [{"holding": h.key} for h in holdings_of(request)]
    return places


def _offered(actions, verb: str, place: dict) -> bool:
    """Whether the page offers this verb here: a step on the request, or (with
    no subject named) a step on any part, or the step on the part named."""
    if "holding" in place:
        found = actions.holdings.get(place["holding"], [])
    elif "subject" in place:
        found = actions.parts.get(place["subject"], [])
    else:
        found = actions.request + [a for acts in actions.parts.values() for a in acts]
    return any(a.step.service == verb and a.allowed for a in found)


def _changes() -> int:
    return AuditEvent.objects.filter(category=AuditEvent.Category.CHANGE).count()


def _try(verb: str, actor, request: Request, arguments: dict, check_nothing_changed: bool):
    """(accepted, code), the step rolled back. An accepted step wrote one audit
    event; a refused one none, and (checked once per kind of refusal, as it is
    slow) changed nothing at all."""
    with rolled_back():
        before = snapshot(request) if check_nothing_changed else None
        events = _changes()
        try:
            services.VERBS[verb](actor=actor, request=request, **arguments)
        except StepRefused as refused:
            assert _changes() == events, (verb, refused.code)
            if before is not None:
                assert snapshot(request) == before, (verb, refused.code)
            return False, refused.code
        assert _changes() == events + 1, verb
        return True, ""


def test_the_page_offers_a_step_exactly_when_the_service_accepts_it(tmp_path, settings):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    situations = situations_of(office)
    people = people_of(office)
    wrong, accepted, refused = [], set(), set()
    for label, request in situations.items():
        for who, actor in people.items():
            request.refresh_from_db()
            actions = actions_for(actor, request)
            roles = actor_of(actor).roles
            for verb, specs in declared.VERBS.items():
                if not any(roles & spec.roles for spec in specs) and who != "legal":
                    continue  # one person of a role no step names stands for the rest
                for place in _places(verb, request):
                    offered = _offered(actions, verb, place)
                    arguments = _arguments(verb, request, actor, office, **place)
                    ok, code = _try(verb, actor, request, arguments, verb not in refused)
                    (accepted if ok else refused).add(verb)
                    if ok != offered:
                        wrong.append(
                            f"{label} / {who} / {verb} {place}: page {offered}, service {ok} {code}"
                        )
    assert not wrong, "\n".join(wrong)
    # Every verb went ahead somewhere, so each one's happy path was compared too
    # (staff_leaves is about a member of staff, not a request: its own test).
    assert accepted >= set(declared.VERBS) - {
        "reassign_hard_copy_approval",
        "request_microfilm",
        "staff_leaves",
    }
