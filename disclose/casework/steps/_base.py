"""What every step does: lock, check, case note, audit, notify.

Refused steps are not audited: the refusal raises inside the step's
transaction, which rolls back, so a refused step leaves no trace at all in the
database (the caller - a page, the API, the scenario runner - shows the
refusal to the person). Only steps that happened are in the audit chain.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from disclose.audit.log import record
from disclose.procedure.states import Actor, check_step
from disclose.records.models import CaseNote, Role, Staff

from ..actors import actor_of, part_of
from ..errors import StepRefused, refuse_if
from ..models import Disclosure, Request, RequestSubject
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

    # --- asking the procedure -------------------------------------------------

    def check(self, part: RequestSubject | None = None, verb: str | None = None) -> None:
        refuse_if(self.refusal(part, verb))

    def refusal(self, part: RequestSubject | None = None, verb: str | None = None):
        return check_step(
            verb or self.verb, self.who, request_state=self.request.state, part=part_of(part)
        )

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

    def case_note(self, part: RequestSubject, text: str) -> CaseNote | None:
        """A case note on the subject's record (who, what, why), if the subject
        is known: a person not known has no record to note."""
        if part.person_id is None:
            return None
        return CaseNote.objects.create(
            person_id=part.person_id,
            author=self.actor,
            text=text,
            request_reference=self.request.reference,
        )

    def audit(self, parts: Sequence[RequestSubject] = (), **detail) -> None:
        """Exactly one audit event per step; the person when it is about one."""
        people = {p.person_id for p in parts if p.person_id}
        record(
            event_type=self.verb,
            actor=self.actor,
            person=parts[0].person if len(parts) == 1 and len(people) == 1 else None,
            request_reference=self.request.reference,
            detail={"subjects": [p.number for p in parts], **detail},
        )

    def message(self, kind: str, subject: RequestSubject | None = None, **context):
        return message_requestor(
            request=self.request, kind=kind, by=self.actor, subject=subject, **context
        )

    def notify(self, staff: Staff | None, kind: str, subject=None, **context):
        if staff is None:
            return None
        return notify_staff(
            staff=staff, request=self.request, kind=kind, subject=subject, **context
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
            disclosed_by=self.actor,
        )

    def save_request(self, *fields: str) -> None:
        self.request.save(update_fields=[*fields, "updated_at"])


@contextmanager
def begin(verb: str, actor: Staff, request: Request) -> Iterator[Step]:
    """One transaction, with the request row locked, so two people acting on
    the same request at once take turns (DESIGN.md: scale out, not up)."""
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        parts = list(
            RequestSubject.objects.filter(request=locked)
            .select_related("person", "assignee", "team", "worker")
            .order_by("number")
        )
        yield Step(verb=verb, actor=actor, who=actor_of(actor), request=locked, parts=parts)
