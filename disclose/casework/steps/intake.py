"""Intake by the SCIMT (section 1): receive, triage, check identity, match the
subjects to the records, share the basic facts."""

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from disclose.council.models import CouncilProfile
from disclose.procedure import direct_requests as direct
from disclose.procedure import states
from disclose.procedure.dates import EARLIEST_BIRTH, EARLIEST_RECEIVED, date_problem
from disclose.procedure.decisions import Decision
from disclose.procedure.triage import triage as triage_rules
from disclose.records.models import Person, Role, Staff

from .. import deadlines_stored
from ..actors import actor_of
from ..errors import StepRefused, refuse_if
from ..facts import request_facts
from ..models import (
    Agency,
    Channel,
    Extent,
    IdentityCheck,
    Kind,
    ReferenceCounter,
    Request,
    RequestSubject,
)
from ..notify import notify_address
from ._base import Step, begin, open_step, role_words
from .basic_information import share
from .direct import start_with_worker
from .documents import keep_stored


def receive_request(
    *,
    actor: Staff,
    channel: str,
    requestor_name: str,
    requestor_agency: str,
    consent: bool,
    details: str,
    subjects: Sequence[Mapping],
    requestor_role: str = "",
    requestor_email: str = "",
    requestor_phone: str = "",
    requestor_address: str = "",
    requestor_relationship: str = "",
    kind: str = Kind.INFORMATION,
    extent: str = Extent.SPECIFIC,
    received: date | None = None,
    unless: Callable[[], bool] | None = None,
    documents: Sequence[Mapping] = (),
) -> Request:
    """Log a request (section 1: the SCIMT is the first point of contact) and
    apply the scope rules at once: a request outside the procedure is sent
    where it belongs, with its message, and closed. `documents` are files
    already in the document store (the requestor's email or letter), kept as
    the request's documents first, so a request sent elsewhere keeps them too."""
    logger = actor_of(actor)
    refuse_if(direct.check_logger(logger))
    _check_choice("channel", channel, Channel)
    _check_choice("agency", requestor_agency, Agency)
    _check_choice("kind", kind, Kind)
    _check_choice("extent", extent, Extent)
    if not (requestor_name or "").strip():
        raise StepRefused("invalid_input", "Enter the requestor's name.")
    _check_school_incident(kind, requestor_agency, subjects)
    if not all(_subject_named(s) for s in subjects) or not (
        subjects or kind == Kind.SCHOOL_INCIDENT
    ):
        raise StepRefused("invalid_input", "Enter the name of each person the request is about.")
    received = received or timezone.localdate()
    _check_dates(received, subjects)
    with transaction.atomic(durable=True):
        if unless is not None:
            # The caller's last word (the intake page: "the same request, minutes
            # ago?"), asked with the officer's row locked, so that a double
            # click's two posts take turns and the second finds the first.
            Staff.objects.select_for_update().filter(pk=actor.pk).first()
            if unless():
                raise NotLogged
        request = Request.objects.create(
            reference=ReferenceCounter.next_reference(received.year),
            received=received,
            channel=channel,
            requestor_name=requestor_name.strip(),
            requestor_agency=requestor_agency,
            requestor_role=requestor_role,
            requestor_email=requestor_email,
            requestor_phone=requestor_phone,
            requestor_address=requestor_address,
            requestor_relationship=(requestor_relationship or "").strip(),
            kind=kind,
            extent=extent,
            consent=bool(consent),
            details=details or "",
            state=states.RECEIVED,
            owner=actor,
        )
        for number, given in enumerate(subjects, start=1):
            RequestSubject.objects.create(
                request=request,
                number=number,
                forename=(given.get("forename") or "").strip(),
                surname=(given.get("surname") or "").strip(),
                dob=given.get("dob"),
                state=states.UNMATCHED,
            )
        step = open_step("receive_request", actor, request)
        kept = [keep_stored(step, document) for document in documents]
        decision = triage_rules(request_facts(step.request))
        if decision is not None and direct.logs_directly(logger):
            raise StepRefused(
                "not_your_open_case",
                "This request is not one for this procedure. Send it to the SCIMT, who tells "
                "the requestor where to go.",
                decision.paragraph,
            )
        if decision is not None:
            _out_of_scope(step, decision)
        elif direct.logs_directly(logger):
            start_with_worker(step)
        step.audit(
            step.parts,
            channel=channel,
            agency=requestor_agency,
            route=decision.route if decision else None,
            **({"documents": [d.title for d in kept]} if kept else {}),
            **({"logged_directly": True} if step.request.logged_directly else {}),
        )
        deadlines_stored.store(step.request)
    return step.request


class NotLogged(Exception):  # noqa: N818 - a decision, not an error
    """receive_request's `unless` said not to log it; nothing was written."""


def triage(*, actor: Staff, request: Request) -> Request:
    """The officer confirms the scope check of section 1. The rules already
    ran at receipt; running them again catches a request edited since."""
    with begin("triage", actor, request) as step:
        step.check()
        decision = triage_rules(request_facts(step.request))
        step.request.triaged_by, step.request.triaged_at = actor, step.now
        step.save_request("triaged_by", "triaged_at")
        if decision is not None:
            _out_of_scope(step, decision)
        step.audit(step.parts, in_scope=decision is None)
    return step.request


ADVISE = "advise:view_records"


def _out_of_scope(step: Step, decision: Decision) -> None:
    """Section 1 and 2.4: a request for a lot of information is advised and
    waits; anything else outside the procedure is sent where it belongs."""
    if decision.route == ADVISE:
        _advise(step, decision)
    else:
        _redirect(step, decision)


def _advise(step: Step, decision: Decision) -> None:
    """Section 1: the professional asked for a lot of information, and is
    *encouraged* to view the records instead. That is advice, not a refusal:
    the request stays open, waiting for them to narrow it (narrow_request) or
    for the SCIMT to close it."""
    request = step.request
    request.state = states.AWAITING_NARROWING
    request.outcome_route = decision.route
    request.outcome_paragraph = decision.paragraph
    request.outcome_rationale = decision.rationale
    step.save_request("state", "outcome_route", "outcome_paragraph", "outcome_rationale")
    step.message(decision.message_kind, decision=decision)


def _redirect(step: Step, decision: Decision) -> None:
    """Section 1 and 2.4: tell the requestor where to go, and close."""
    request = step.request
    request.state = states.CLOSED
    request.outcome_route = decision.route
    request.outcome_paragraph = decision.paragraph
    request.outcome_rationale = decision.rationale
    request.closed_at = step.now
    step.save_request(
        "state", "outcome_route", "outcome_paragraph", "outcome_rationale", "closed_at"
    )
    for part in step.parts:
        part.route, part.paragraph, part.rationale = (
            decision.route,
            decision.paragraph,
            decision.rationale,
        )
        part.state = states.COMPLETE
        part.save(update_fields=["route", "paragraph", "rationale", "state"])
    managers = []
    if decision.route == "redirect:support_to_schools":
        # 2.4: the notification is directed to the Group Manager, Support to Schools.
        managers = list(
            Staff.objects.filter(
                is_active=True, roles__code=Role.Code.SUPPORT_TO_SCHOOLS_MANAGER
            ).distinct()
        )
    council = CouncilProfile.current()
    passed_on = bool(managers or council.support_to_schools_email)
    step.message(decision.message_kind, decision=decision, passed_on=passed_on)
    for manager in managers:
        step.notify(manager, "school_incident_notification")
    if decision.route == "redirect:support_to_schools" and council.support_to_schools_email:
        # The recipient the council profile names (disclose check E001 makes sure there is one).
        notify_address(
            to=council.support_to_schools_email,
            name=council.support_to_schools_name,
            request=request,
            kind="school_incident_notification",
        )


def verify_identity(
    *, actor: Staff, request: Request, method: str, outcome: str, subject: int | None = None
) -> Request:
    """The SCIMT officer checks the requestor before anything is shared
    (section 1); the allocated worker checks again on a closed case before
    supplying (2.1.2.2, 2.1.3.2). Which one this is follows from who acts: a
    person holding a part of the request re-verifies for their part."""
    _check_choice("method", method, IdentityCheck.Method)
    _check_choice("outcome", outcome, IdentityCheck.Outcome)
    with begin("verify_identity", actor, request) as step:
        holds_a_part = any(p.assignee_id == actor.pk for p in step.parts)
        if subject is not None or holds_a_part:
            parts = step.choose_parts(subject, verb="reverify_identity")
        else:
            step.check()
            parts = []
        verified = outcome == IdentityCheck.Outcome.VERIFIED
        for part in parts or [None]:
            IdentityCheck.objects.create(
                request=step.request,
                subject=part,
                checked_by=actor,
                method=method,
                outcome=outcome,
                checked_at=step.now,
            )
        if parts and verified:
            for part in parts:
                part.state = states.part_state_after_reverify(verified)
                part.identity_reverified_by, part.identity_reverified_at = actor, step.now
                part.save(
                    update_fields=["state", "identity_reverified_by", "identity_reverified_at"]
                )
        elif parts:
            for part in parts:
                _end_unverified(step, part, method)
        else:
            step.request.state = (
                states.IDENTITY_VERIFIED if verified else states.IDENTITY_NOT_VERIFIED
            )
            step.save_request("state")
        if not verified:
            # Nothing is shared with an unverified requestor, who is told so (section 1).
            names = [_name(p) for p in parts]
            step.message("identity_not_verified", ended=bool(parts), names=names)
        step.audit(
            parts,
            method=method,
            outcome=outcome,
            level="part" if parts else "request",
            **({"ended": True} if parts and not verified else {}),
        )
    return step.request


def _end_unverified(step: Step, part: RequestSubject, method: str) -> None:
    """The worker could not verify the requestor again (2.1.2.2, 2.1.3.2):
    nothing may be supplied, so the part ends here rather than waiting for
    ever. The worker keeps it, to close the request once every part has ended."""
    part.state = states.part_state_after_reverify(False)
    part.ended_at, part.ended_because = step.now, states.ENDED_IDENTITY_NOT_VERIFIED
    part.save(update_fields=["state", "ended_at", "ended_because"])
    request = step.request
    method_words = IdentityCheck.Method(method).label.lower()
    step.case_note(
        part,
        f"{role_words(step.actor)} could not verify the identity of {request.requestor_name} "
        f"({request.get_requestor_agency_display()}) again for request {request.reference} "
        f"(checked by: {method_words}). Nothing was supplied and this part of the request "
        f"has ended (paragraph {part.paragraph or '2.1.2.2'}).",
    )


def _name(part: RequestSubject) -> str:
    return part.person.full_name if part.person else part.name_given


def match_subject(
    *, actor: Staff, request: Request, subject: int, person: Person | None
) -> Request:
    """Record who in the records the subject is; `person=None` records that
    the subject is not known to children's social care."""
    with begin("match_subject", actor, request) as step:
        part = step.part(subject)
        step.check(part)
        part.person, part.matched, part.state = person, True, states.MATCHED
        part.save(update_fields=["person", "matched", "state"])
        step.audit([part], known=person is not None)
    return step.request


def share_basic_information(*, actor: Staff, request: Request) -> Request:
    """Section 1: known or not; open or closed and when; CP history; the worker
    and team of an open case. Told to the requestor, logged as a disclosure,
    and case noted on each known subject's record (basic_information.py)."""
    with begin("share_basic_information", actor, request) as step:
        step.check()
        share(step)
        step.request.state = states.BASIC_INFORMATION_SHARED
        step.save_request("state")
        step.audit(step.parts)
    return step.request


def _check_dates(received: date, subjects: Sequence[Mapping]) -> None:
    """The bounds the intake form applies, for callers that skip the form."""
    today = timezone.localdate()
    checks = [("Date received", received, EARLIEST_RECEIVED)]
    for number, given in enumerate(subjects, start=1):
        if given.get("dob") is not None:
            checks.append((f"Person {number}'s date of birth", given["dob"], EARLIEST_BIRTH))
    for label, value, earliest in checks:
        if not isinstance(value, date):
            raise StepRefused("invalid_date", f"{label} must be a date, like 2026-03-27.")
        problem = date_problem(value, label, earliest=earliest, today=today)
        if problem:
            raise StepRefused("invalid_date", f"{problem}.")


def _check_school_incident(kind: str, agency: str, subjects: Sequence[Mapping]) -> None:
    """2.4 is about Ofsted's notifications only; they may name no child."""
    if kind == Kind.SCHOOL_INCIDENT and agency != Agency.OFSTED:
        raise StepRefused(
            "not_from_ofsted",
            "Only Ofsted send notifications about incidents in schools (paragraph 2.4). "
            "Log this as a request for information, or send it to Support to Schools yourself.",
            "2.4",
        )


def _subject_named(given: Mapping) -> bool:
    return bool((given.get("forename") or "").strip() or (given.get("surname") or "").strip())


def _check_choice(field: str, value: str, choices) -> None:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise StepRefused("invalid_input", f"The {field} '{value}' is not one of: {allowed}.")


__all__ = [
    "match_subject",
    "receive_request",
    "share_basic_information",
    "triage",
    "verify_identity",
]
