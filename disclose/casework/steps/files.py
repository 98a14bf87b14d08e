"""Paper files and microfilm: the worker asks for them (2.1.3.3), business
support retrieves them and returns them to storage (2.1.3.3, 2.1.3.5).
Each movement is kept; `records.Holding.status` is where the holding is now."""

from disclose.council.models import CouncilProfile
from disclose.records.models import Holding, Role, Staff

from ..errors import StepRefused
from ..models import FileMovement, Request, RequestSubject
from ._base import Step, begin


def request_microfilm(
    *, actor: Staff, request: Request, holding: Holding, subject: int | None = None
) -> Request:
    """2.1.3.3: access to the microfilmed records."""
    return _request_holding(
        "request_microfilm", Holding.Kind.MICROFILM, actor, request, holding, subject
    )


def request_paper_files(
    *, actor: Staff, request: Request, holding: Holding, subject: int | None = None
) -> Request:
    """2.1.3.3: business support is asked to retrieve the paper files."""
    return _request_holding(
        "request_paper_files", Holding.Kind.PAPER, actor, request, holding, subject
    )


def _request_holding(verb, kind, actor, request, holding, subject) -> Request:
    with begin(verb, actor, request) as step:
        parts = step.choose_parts(subject)
        held = _lock(holding)
        if held.kind != kind:
            raise StepRefused(
                "wrong_holding_kind",
                f"{held} is not {Holding.Kind(kind).label.lower()}. "
                f"Use the step for {held.get_kind_display().lower()}.",
                "2.1.3.3",
            )
        part = next((p for p in parts if p.person_id == held.person_id), None)
        if part is None:
            raise StepRefused(
                "holding_not_for_subject",
                f"{held} is not held for the person this part of the request is about.",
                "2.1.3.3",
            )
        if held.status != Holding.Status.IN_STORAGE:
            raise StepRefused(
                "holding_not_in_storage",
                f"{held} has already been asked for and is not in storage. "
                "Ask business support when it will be back.",
                "2.1.3.3",
            )
        _move(step, held, part, FileMovement.Kind.REQUESTED, Holding.Status.REQUESTED)
        for staff in business_support_for(actor):
            step.notify(staff, "files_requested", subject=part, holding=held, by=actor)
        detail = {"holding": held.holding_id, "kind": kind}
        if kind == Holding.Kind.MICROFILM:
            # 2.1.3.3: microfilm is asked of the holder the council profile names.
            detail["holder"] = CouncilProfile.current().microfilm_holder
        step.audit([part], **detail)
    return step.request


def retrieve_files(
    *, actor: Staff, request: Request, holding: Holding, with_whom: Staff | None = None
) -> Request:
    """2.1.3.3: business support has the files (or microfilm) out of storage,
    and records who has them: the worker who asked, unless they say otherwise."""
    with begin("retrieve_files", actor, request) as step:
        step.check(holding=holding.pk)  # asked for on this request, not yet fetched
        held = _lock(holding)
        last = _last_movement(step, held)
        holder = with_whom or last.by
        _move(
            step,
            held,
            last.subject,
            FileMovement.Kind.RETRIEVED,
            Holding.Status.RETRIEVED,
            with_whom=holder,
        )
        step.notify(last.by, "files_retrieved", subject=last.subject, holding=held)
        step.audit(_parts(last), holding=held.holding_id, with_whom=holder.username)
    return step.request


def return_files(*, actor: Staff, request: Request, holding: Holding) -> Request:
    """2.1.3.5: business support returns the files to storage. Files asked
    for but never fetched can be 'returned' too, which cancels the request."""
    with begin("return_files", actor, request) as step:
        step.check(holding=holding.pk)  # out of storage for this request
        held = _lock(holding)
        last = _last_movement(step, held)
        _move(step, held, last.subject, FileMovement.Kind.RETURNED, Holding.Status.IN_STORAGE)
        step.audit(_parts(last), holding=held.holding_id)
    return step.request


def _lock(holding: Holding) -> Holding:
    """Lock the holding too: two requests may want the same box at once."""
    return Holding.objects.select_for_update().get(pk=holding.pk)


def _last_movement(step: Step, holding: Holding) -> FileMovement | None:
    return (
        FileMovement.objects.filter(request=step.request, holding=holding)
        .select_related("by", "subject__person")
        .order_by("-id")
        .first()
    )


def _move(step: Step, holding: Holding, part, kind: str, status: str, with_whom=None) -> None:
    FileMovement.objects.create(
        holding=holding,
        request=step.request,
        subject=part,
        kind=kind,
        by=step.actor,
        at=step.now,
        with_whom=with_whom,
    )
    holding.status = status
    holding.save(update_fields=["status"])


def _parts(movement: FileMovement) -> list[RequestSubject]:
    return [movement.subject] if movement.subject else []


def business_support_for(worker: Staff) -> list[Staff]:
    """Business support in the worker's team; if the team has none, all of them."""
    everyone = Staff.objects.filter(
        is_active=True, roles__code=Role.Code.BUSINESS_SUPPORT
    ).distinct()
    in_team = [s for s in everyone if worker.team_id and s.team_id == worker.team_id]
    return in_team or list(everyone)
