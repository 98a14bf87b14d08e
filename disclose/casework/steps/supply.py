"""Supplying the information (2.1.1, 2.1.2.2, 2.1.3.4) and closing the request."""

from collections.abc import Mapping, Sequence

from disclose.procedure import states
from disclose.procedure.lawful_basis import check_lawful_basis, describe_lawful_basis
from disclose.records.models import Staff

from ..errors import StepRefused, refuse_if
from ..models import Disclosure, Document, Request, RequestSubject, SuppliedInformation
from ._base import Step, begin, require, role_words
from .basic_information import names_together, note_closed_unforwarded


def supply_information(
    *,
    actor: Staff,
    request: Request,
    summary: str,
    documents: Sequence[str] = (),
    lawful_basis: Mapping[str, str] | None = None,
    subject: int | None = None,
) -> Request:
    """The worker supplies the information, keeps a copy on the person's record
    and case notes it (2.1.1, 2.1.2.2, 2.1.3.4). On a closed case the worker
    must have verified the requestor again first (the procedure refuses).

    Without the individual's consent, something must be recorded as the basis
    for sharing: the CSM's lawful basis on a closed case, or, on an open case
    (which no CSM decides), the one the worker gives here.
    """
    with begin("supply_information", actor, request) as step:
        parts = step.choose_parts(subject)
        summary = require(summary, "summary_required", "Describe what you supplied.")
        titles = [t.strip() for t in documents if t and t.strip()]
        for part in parts:
            basis = part.lawful_basis or (dict(lawful_basis) if lawful_basis else None)
            refuse_if(check_lawful_basis(step.request.consent, basis))
            _supply_part(step, part, summary, titles, basis)
        # One message for every subject supplied in this step, not one per child.
        step.message(
            "information_supplied",
            subject=parts[0] if len(parts) == 1 else None,
            subject_name=names_together([part.person.full_name for part in parts]),
            summary=summary,
            documents=titles,
        )
        step.audit(parts, documents=titles)
    return step.request


def _supply_part(step: Step, part: RequestSubject, summary: str, titles: list[str], basis) -> None:
    request = step.request
    if part.person_id is None:  # no route reaches supply without a person
        raise StepRefused("subject_not_matched", "This subject is not known.", "2.1")
    part.state, part.supplied_at = states.SUPPLIED, step.now
    part.lawful_basis = None if request.consent else basis
    part.save(update_fields=["state", "supplied_at", "lawful_basis"])
    supplied = SuppliedInformation.objects.create(
        person_id=part.person_id,
        request=request,
        request_reference=request.reference,
        subject=part,
        summary=summary,
        documents=titles,
        supplied_by=step.actor,
        supplied_at=step.now,
    )
    filed = _file_copies(step, part, supplied, titles)
    basis_words = describe_lawful_basis(request.consent, basis)
    step.disclose(
        part,
        Disclosure.Kind.INFORMATION_SUPPLIED,
        summary + (f" Documents: {'; '.join(titles)}." if titles else ""),
        basis=Disclosure.Basis.CONSENT if request.consent else Disclosure.Basis.LAWFUL_BASIS,
        detail={"description": basis_words, **(basis or {})},
    )
    docs = f" Documents: {'; '.join(titles)}." if titles else ""
    if filed:
        docs += f" Filed on this record: {'; '.join(filed)}."
    step.case_note(
        part,
        f"{role_words(step.actor)} supplied information to {request.requestor_name} "
        f"({request.get_requestor_agency_display()}) for request {request.reference}: "
        f"{summary}{docs} A copy is kept on this record. Basis: {basis_words}.",
    )


def _file_copies(step: Step, part: RequestSubject, supplied, titles: list[str]) -> list[str]:
    """2.1.2.2: the copy of what was supplied is the documents themselves. Each
    document named that is kept for this request is filed on the person's
    record (and so sent to the council's record system); a title with no
    document uploaded stays a title."""
    filed = []
    wanted = {title.casefold() for title in titles}
    for document in Document.objects.filter(request=step.request, supplied__isnull=True):
        if document.title.casefold() not in wanted:
            continue
        document.supplied = supplied
        document.on_person_record, document.person_id = True, part.person_id
        document.filed_by, document.filed_at = step.actor, step.now
        document.save(
            update_fields=["supplied", "on_person_record", "person", "filed_by", "filed_at"]
        )
        filed.append(document.title)
    return filed


def close(*, actor: Staff, request: Request, reason: str = "") -> Request:
    """Whoever holds the request closes it: a SCIMT officer, or the holder of
    one of its parts. Not while a part is in progress or a file is still out of
    storage (2.1.3.5); a request is complete when every part has ended, however
    (supplied, declined, ended without information).

    A request still waiting for the requestor to narrow it (section 1) may be
    closed: that they did not is recorded, in the request, the case notes of
    any person matched, and the audit event the timeline reads."""
    with begin("close", actor, request) as step:
        step.check()  # the holder or the SCIMT; every part done; the files back
        because = states.closed_because(step.request.state)
        note_closed_unforwarded(step, (reason or "").strip())
        step.request.state = states.CLOSED
        step.request.closed_at = step.now
        step.request.close_reason = (reason or "").strip()
        step.request.closed_because = because
        step.save_request("state", "closed_at", "close_reason", "closed_because")
        if because == states.CLOSED_NOT_NARROWED:
            for part in step.parts:
                step.case_note(part, _not_narrowed_note(step))
        step.audit(
            step.parts,
            reason=step.request.close_reason,
            **({"closed_because": because} if because else {}),
        )
    return step.request


def _not_narrowed_note(step: Step) -> str:
    request = step.request
    return (
        f"{role_words(step.actor)} closed request {request.reference} from "
        f"{request.requestor_name} ({request.get_requestor_agency_display()}). They asked for "
        "a lot of information, were encouraged to view the records instead (section 1), and "
        "did not narrow the request to specific information. Nothing was shared."
    )
