"""Hard copies (2.2 and the note at the end of section 1): the worker lists
the items asked for. The CSM's decision is in hard_copy_decisions.py, the
originating agency's confirmation in hard_copy_items.py, sending in dispatch.py.

Files and printing: nothing can be sent until a CSM approves it, and business
support can open an item's file only once it is approved (document_access.py).
"""

from collections.abc import Mapping, Sequence
from datetime import date

from disclose.council.models import CouncilProfile
from disclose.procedure import hard_copies as rules
from disclose.records.models import Role, Staff

from ..errors import StepRefused, refuse_if
from ..models import Document, HardCopyItem, HardCopyList, Request, RequestSubject
from ._base import Step, begin, role_words


def request_hard_copies(
    *,
    actor: Staff,
    request: Request,
    items: Sequence[Mapping],
    subject: int | None = None,
) -> Request:
    """The worker records the requestor's request for hard copies: each item's
    title, date, whether it is third-party information and whose (2.2).

    It goes to the CSM who approved the sharing for approval; from the police it
    goes no further: they are told to contact Legal Services (2.2)."""
    with begin("request_hard_copies", actor, request) as step:
        part = _one_part(step, subject, "request_hard_copies")
        clean = [_clean_item(step, n, item) for n, item in enumerate(items or [], start=1)]
        if not clean:
            raise StepRefused("items_required", "List the documents asked for.", "2.2")
        if rules.goes_to_legal_services(step.request.requestor_agency):
            _to_legal_services(step, part, clean)
        else:
            _to_approver(step, part, clean)
    return step.request


def _one_part(step: Step, subject: int | None, verb: str) -> RequestSubject:
    """The part asked for; without a number, the one part this person may act on."""
    parts = [step.part(subject)] if subject is not None else step.parts
    refusals, chosen = [], []
    for part in parts:
        refusal = step.refusal(part, verb)
        (refusals if refusal else chosen).append(refusal or part)
    if len(chosen) == 1:
        return chosen[0]
    if chosen:
        raise StepRefused(
            "subject_required",
            "This request is about more than one person. Say which subject the hard copies are for.",
            "2.2",
        )
    refuse_if(refusals[0] if refusals else None)
    raise StepRefused("wrong_state", "This request has no subjects.")


def _clean_item(step: Step, n: int, item: Mapping) -> dict:
    title = str(item.get("title") or "").strip()
    if not title:
        raise StepRefused("invalid_input", f"Item {n}: enter the document's title.", "2.2")
    third_party = bool(item.get("third_party", False))
    source = str(item.get("source") or "").strip()
    if third_party and not source:
        raise StepRefused(
            "invalid_input",
            f"Item {n} ('{title}') is third-party information: say which agency it came from.",
            "2.2",
        )
    when = item.get("date")
    if when is not None and not isinstance(when, date):
        raise StepRefused("invalid_input", f"Item {n}: the date must be a date.", "2.2")
    return {
        "title": title[:300],
        "date": when,
        "third_party": third_party,
        "source": source[:200],
        "document": document_for(step, n, item.get("document")),
    }


def document_for(step: Step, n: int, document) -> Document | None:
    if document is None:
        return None
    pk = document.pk if isinstance(document, Document) else document
    found = Document.objects.filter(pk=pk, request=step.request).first()
    if found is None:
        raise StepRefused(
            "no_such_document",
            f"Item {n}: the document is not one kept for this request. Upload it to the request first.",
            "2.2",
        )
    return found


def _new_list(step: Step, part: RequestSubject, clean: list[dict], state: str, **fields):
    hard_copy_list = HardCopyList.objects.create(
        request=step.request,
        subject=part,
        state=state,
        listed_by=step.actor,
        listed_at=step.now,
        **fields,
    )
    HardCopyItem.objects.bulk_create(
        HardCopyItem(hard_copy_list=hard_copy_list, request=step.request, status=state, **item)
        for item in clean
    )
    return hard_copy_list


def _to_legal_services(step: Step, part: RequestSubject, clean: list[dict]) -> None:
    """2.2: police asking for hard copies are told to contact Legal Services under
    the protocol annex; the request for copies is kept, and nothing is copied."""
    council = CouncilProfile.current()
    _new_list(step, part, clean, rules.REDIRECTED)
    step.message("contact_legal_services", subject=part)
    step.case_note(
        part,
        f"{role_words(step.actor)} recorded that {step.request.requestor_name} (Police) asked "
        f"for hard copies of: {_titles(clean)}. Police requests for copies go to "
        f"{council.legal_services_name} under {council.police_protocol_annex} (2.2): the "
        "officer was told to contact them. Nothing has been copied or sent.",
    )
    for staff in Staff.objects.filter(is_active=True, roles__code=Role.Code.LEGAL_SERVICES):
        step.notify(staff, "hard_copies_police", subject=part, items=clean, by=step.actor)
    step.audit([part], outcome=rules.REDIRECTED, items=[i["title"] for i in clean])


def _to_approver(step: Step, part: RequestSubject, clean: list[dict]) -> None:
    approver, rationale = _approver(part)
    hard_copy_list = _new_list(
        step, part, clean, rules.AWAITING_APPROVAL, approver=approver, approver_rationale=rationale
    )
    left = (
        ""
        if approver.is_active
        else (
            f" {approver.display_name} has left: a CSM must reassign the decision, with a reason."
        )
    )
    step.case_note(
        part,
        f"{role_words(step.actor)} asked {role_words(approver)} to approve hard copies for "
        f"{step.request.requestor_name} ({step.request.get_requestor_agency_display()}) of: "
        f"{_titles(clean)}. {rationale}{left}",
    )
    to = approver if approver.is_active else _stand_in(part, approver)
    step.notify(
        to,
        "hard_copies_to_approve",
        subject=part,
        items=clean,
        by=step.actor,
        approver=approver,
        reason="",
    )
    step.audit(
        [part],
        hard_copy_list=hard_copy_list.pk,
        approver=approver.username,
        items=[i["title"] for i in clean],
        third_party=[i["title"] for i in clean if i["third_party"]],
    )


def _approver(part: RequestSubject) -> tuple[Staff, str]:
    """Section 1, note: the CSM who approved the sharing. An open case (2.1.1)
    has none, so the CSM of the team holding it (procedure/hard_copies.py)."""
    team = part.team or (part.worker.team if part.worker_id and part.worker.team_id else None)
    team_csm = team.csm if team and team.csm_id and team.csm.is_active else None
    decided_by = part.decided_by if part.decided_by_id and part.decision == "approve" else None
    found = rules.approving_csm(
        route=part.route,
        decided_by=decided_by.username if decided_by else None,
        team_csm=team_csm.username if team_csm else None,
        team_name=team.name if team else None,
    )
    if found.problem:
        raise StepRefused("no_route_holder", found.problem, "1")
    staff = decided_by if decided_by and found.ref == decided_by.username else team_csm
    return staff, found.rationale


def _stand_in(part: RequestSubject, approver: Staff) -> Staff | None:
    """Who to tell when the approving CSM has left: the CSM of the part's team."""
    team = part.team
    csm = team.csm if team and team.csm_id else None
    return csm if csm and csm.is_active and csm.pk != approver.pk else None


def _titles(items) -> str:
    words = []
    for item in items:
        title = item["title"] if isinstance(item, dict) else item.title
        third = item["third_party"] if isinstance(item, dict) else item.third_party
        source = item["source"] if isinstance(item, dict) else item.source
        words.append(f"{title} (third-party: {source})" if third else title)
    return "; ".join(words)


def _name(part: RequestSubject) -> str:
    return part.person.full_name if part.person else part.name_given
