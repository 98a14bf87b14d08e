"""What every step does: lock, check, case note, audit, notify.

Each step is one durable transaction: it cannot be folded into a larger one by
accident, so once it returns it has happened. Refused steps are not audited:
the refusal raises inside the step's transaction, which rolls back, so a
refused step leaves no trace at all in the database (the caller - a page, the
API, the scenario runner - shows the refusal to the person). Only steps that
happened are in the audit chain.

Whether a step may be taken is asked of its declaration (procedure/steps.py),
with the request's facts as they are inside the transaction (case_facts.py).
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from disclose.audit.log import record
from disclose.procedure import steps
from disclose.procedure.case import Case, HoldingFacts
from disclose.procedure.states import Actor
from disclose.records.models import CaseNote, Role, Staff

from .. import deadlines_stored
from ..actors import actor_of
from ..case_facts import case_of, holdings_of
from ..errors import StepRefused, refuse_if
from ..models import Disclosure, PartHolder, Request, RequestSubject
from ..notify import message_requestor, notify_staff


def role_words(staff: Staff) -> str:
    """'Sam Officer (SCIMT officer)', for case notes: who did it, in what capacity."""
    labels = [Role.Code(code).label for code in sorted(staff.role_codes()) if code in Role.Code]
    return f"{staff.display_name} ({', '.join(labels)})" if labels else staff.display_name


def require(value: str | None, code: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise StepRefused(code, message)
    return value


@dataclass
class Step:
    verb: str
    actor: Staff
    who: Actor
    request: Request
    parts: list[RequestSubject]

    def __post_init__(self) -> None:
        self.now = timezone.now()
        self._case: Case | None = None

    @property
    def staff(self) -> Staff | None:
        """The member of staff who acts; None for a requestor on the agency portal,
        who is named in the audit event's detail and the case note's words instead."""
        return self.actor if isinstance(self.actor, Staff) else None

    # --- asking the procedure -------------------------------------------------

    @property
    def case(self) -> Case:
        """The request's facts as the step found them (read once, before it changes anything)."""
        if self._case is None:
            self._case = case_of(self.request, self.parts)
        return self._case

    def check(
        self,
        part: RequestSubject | None = None,
        verb: str | None = None,
        holding: int | None = None,
    ) -> None:
        refuse_if(self.refusal(part, verb, holding))

    def refusal(
        self,
        part: RequestSubject | None = None,
        verb: str | None = None,
        holding: int | None = None,
    ):
        """The declaration's answer for this step (or `verb`), on this part or holding."""
        facts = self.case.part(part.number) if part is not None else None
        held = None
        if holding is not None:
            held = next((h for h in holdings_of(self.request) if h.key == holding), None)
            held = held or HoldingFacts(key=holding, last="")
        return steps.refusal(verb or self.verb, self.who, self.case, facts, held)

    def part(self, number: int) -> RequestSubject:
        for part in self.parts:
            if part.number == number:
                return part
        raise StepRefused("no_such_subject", f"This request has no subject {number}.")

    def choose_parts(self, subject: int | None, verb: str | None = None) -> list[RequestSubject]:
        """The part asked for, or every part this actor may take the step on now.

        Refused if there is none, with the reason that matters most: why a part
        this person holds is not ready, else why they cannot act on the others.
        """
        if subject is not None:
            part = self.part(subject)
            self.check(part, verb)
            return [part]
        chosen, refusals = [], []
        for part in self.parts:
            refusal = self.refusal(part, verb)
            if refusal is None:
                chosen.append(part)
            else:
                held = part.assignee_id == self.actor.pk
                refusals.append((not held, part.number, refusal))
        if chosen:
            return chosen
        if not refusals:
            raise StepRefused("wrong_state", "This request has no subjects.")
        refuse_if(min(refusals, key=lambda r: (r[0], r[1]))[2])
        return []  # not reached

    # --- writing what happened ------------------------------------------------

    def hand_to(self, part: RequestSubject, staff: Staff | None, role: str) -> None:
        """The part now rests with `staff` (or nobody): the holders table says
        who held it until now and who holds it from now (access reads it)."""
        PartHolder.objects.filter(subject=part, until__isnull=True).update(until=self.now)
        part.assignee = staff
        if staff is not None:
            PartHolder.objects.create(
                subject=part, request=self.request, staff=staff, role=role, since=self.now
            )

    def case_note(self, part: RequestSubject, text: str) -> CaseNote | None:
        """A case note on the subject's record (who, what, why), if the subject
        is known: a person not known has no record to note."""
        if part.person_id is None:
            return None
        return CaseNote.objects.create(
            person_id=part.person_id,
            author=self.staff,
            text=text,
            request_reference=self.request.reference,
        )

    def audit(self, parts: Sequence[RequestSubject] = (), **detail) -> None:
        """Exactly one audit event per step; the person when it is about one."""
        people = {p.person_id for p in parts if p.person_id}
        if self.staff is None:
            detail = {"requestor": self.who.ref, **detail}
        record(
            event_type=self.verb,
            actor=self.staff,
            person=parts[0].person if len(parts) == 1 and len(people) == 1 else None,
            request_reference=self.request.reference,
            detail={"subjects": [p.number for p in parts], **detail},
        )

    def message(self, kind: str, subject: RequestSubject | None = None, **context):
        return message_requestor(
            request=self.request, kind=kind, by=self.staff, subject=subject, **context
        )

    def notify(self, staff: Staff | None, kind: str, subject=None, **context):
        if staff is None:
            return None
        return notify_staff(
            staff=staff,
            request=self.request,
            kind=kind,
            subject=subject,
            sender=self.staff,
            **context,
        )

    def disclose(self, part: RequestSubject | None, kind: str, what: str, **basis) -> Disclosure:
        request = self.request
        basis_kind = basis.pop("basis", None) or (
            Disclosure.Basis.CONSENT if request.consent else Disclosure.Basis.PROCEDURE_SECTION_1
        )
        return Disclosure.objects.create(
            request=request,
            subject=part,
            person_id=part.person_id if part else None,
            kind=kind,
            what=what,
            to_name=request.requestor_name,
            to_agency=request.requestor_agency,
            to_email=request.requestor_email,
            disclosed_at=self.now,
            basis=basis_kind,
            basis_detail=basis.get("detail") or {},
            disclosed_by=self.staff,
        )

    def save_request(self, *fields: str) -> None:
        self.request.save(update_fields=[*fields, "updated_at"])


@contextmanager
def begin(verb: str, actor: Staff, request: Request) -> Iterator[Step]:
    """One durable transaction, with the request row locked, so two people
    acting on the same request at once take turns (DESIGN.md: scale out, not up)."""
    with transaction.atomic(durable=True):
        step = open_step(verb, actor, request)
        yield step
        # Last, with the row still locked: the due dates as this step left them.
        deadlines_stored.store(step.request)


def open_step(verb: str, actor: Staff, request: Request) -> Step:
    """Lock the request and read its parts, inside the caller's transaction."""
    locked = Request.objects.select_for_update().get(pk=request.pk)
    parts = list(
        RequestSubject.objects.filter(request=locked)
        .select_related("person", "assignee", "team", "worker")
        .order_by("number")
    )
    return Step(verb=verb, actor=actor, who=actor_of(actor), request=locked, parts=parts)
