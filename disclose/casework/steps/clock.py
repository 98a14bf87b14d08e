"""Stopping and restarting the clock, and extending a due date (issue 7, item 2).

Before the request is forwarded the SCIMT officer holds it, and stops its
clock as a whole (section 1: waiting for the requestor's consent, a
clarification or proof of identity). After forward each part has its own
holder (2.1), who stops, restarts and extends that part's clock. Each step is
case noted on the subject's record and audited; a refused step changes nothing.
"""

from datetime import date

from django.utils import timezone

from disclose.procedure import states
from disclose.records.models import Staff

from ..deadlines import StageDeadline, deadlines_for
from ..errors import StepRefused
from ..models import ClockStop, Extension, Request, RequestSubject, Stage
from ._base import Step, begin, require, role_words

_REQUEST_STAGES = frozenset({Stage.ACKNOWLEDGE, Stage.BASIC_FACTS})


def _parts(step: Step, subject: int | None, part_verb: str) -> list[RequestSubject]:
    """The parts this step is on; [] means the whole request (before forward).
    A subject named means that part's own clock, whatever the request's state."""
    if subject is not None or step.request.state == states.FORWARDED:
        return step.choose_parts(subject, verb=part_verb)
    step.check()
    return []


def _day(on: date | None, step: Step, what: str) -> date:
    today = timezone.localdate(step.now)
    on = on or today
    if on > today:
        raise StepRefused("invalid_date", f"The date the clock {what} must be today or earlier.")
    if on < step.request.received:
        raise StepRefused(
            "invalid_date", f"The date the clock {what} must be on or after the date received."
        )
    return on


def _open_stops(step: Step, parts: list[RequestSubject]) -> list[ClockStop]:
    stops = ClockStop.objects.filter(request=step.request, restarted_on__isnull=True)
    if parts:
        # A part's holder may also restart a clock stopped on the whole request.
        return [s for s in stops if s.subject_id is None or s.subject_id in {p.pk for p in parts}]
    return [s for s in stops if s.subject_id is None]


def stop_clock(
    *,
    actor: Staff,
    request: Request,
    reason: str,
    note: str = "",
    subject: int | None = None,
    on: date | None = None,
) -> Request:
    """Stop the clock while waiting on the requestor; days stopped do not count."""
    with begin("stop_clock", actor, request) as step:
        parts = _parts(step, subject, "stop_part_clock")
        if reason not in ClockStop.Reason.values:
            raise StepRefused(
                "invalid_input",
                "Choose why the clock is stopped: consent, clarification or identity.",
            )
        on = _day(on, step, "stopped")
        note = (note or "").strip()
        words = ClockStop.Reason(reason).label.lower()
        for part in parts or [None]:
            ClockStop.objects.create(
                request=step.request,
                subject=part,
                reason=reason,
                note=note,
                stopped_on=on,
                stopped_by=actor,
                stopped_at=step.now,
            )
        _note_all(
            step,
            parts,
            f"{role_words(actor)} stopped the clock on request {step.request.reference} "
            f"from {on:%-d %B %Y}: {words}." + (f" {note}" if note else ""),
        )
        step.audit(parts or step.parts, reason=reason, on=on.isoformat(), note=note)
    return step.request


def restart_clock(
    *, actor: Staff, request: Request, subject: int | None = None, on: date | None = None
) -> Request:
    """Restart a stopped clock: the due date moves on by the working days lost."""
    with begin("restart_clock", actor, request) as step:
        parts = _parts(step, subject, "restart_part_clock")
        stops = _open_stops(step, parts)  # at least one: the declaration checks
        on = _day(on, step, "restarted")
        if any(on < s.stopped_on for s in stops):
            raise StepRefused(
                "invalid_date", "The clock cannot restart before the date it stopped."
            )
        for stop in stops:
            stop.restarted_on, stop.restarted_by, stop.restarted_at = on, actor, step.now
            stop.save(update_fields=["restarted_on", "restarted_by", "restarted_at"])
        _note_all(
            step,
            parts,
            f"{role_words(actor)} restarted the clock on request {step.request.reference} "
            f"from {on:%-d %B %Y}.",
        )
        step.audit(parts or step.parts, on=on.isoformat(), stops=[s.pk for s in stops])
    return step.request


def extend(
    *,
    actor: Staff,
    request: Request,
    stage: str,
    new_due: date,
    reason: str,
    subject: int | None = None,
) -> Request:
    """Move a stage's due date later, saying why. Who, when, the new date and
    the reason are kept, and the old due date with them."""
    with begin("extend", actor, request) as step:
        parts = _parts(step, subject, "extend_part")
        reason = require(reason, "reason_required", "Say why the time limit is extended.")
        if not isinstance(new_due, date):
            raise StepRefused("invalid_date", "Enter the new due date.")
        current = _open_stages(step, parts, stage)
        for deadline in current:
            if deadline.due is not None and new_due <= deadline.due:
                raise StepRefused(
                    "date_not_later",
                    f"The new due date must be after {deadline.due:%-d %B %Y}, "
                    "the date it is due now.",
                )
        if new_due < timezone.localdate(step.now):
            raise StepRefused("date_not_later", "The new due date must be today or later.")
        by_number = {p.number: p for p in step.parts}
        for deadline in current:
            part = by_number.get(deadline.subject) if deadline.subject else None
            Extension.objects.create(
                request=step.request,
                subject=part,
                stage=stage,
                previous_due=deadline.due,
                new_due=new_due,
                reason=reason,
                by=actor,
                at=step.now,
            )
        words = Stage(stage).label
        _note_all(
            step,
            parts,
            f"{role_words(actor)} extended the time limit for '{words}' on request "
            f"{step.request.reference} to {new_due:%-d %B %Y}. Reason: {reason}",
        )
        step.audit(parts or step.parts, stage=stage, new_due=new_due.isoformat(), reason=reason)
    return step.request


def _open_stages(step: Step, parts: list[RequestSubject], stage: str) -> list[StageDeadline]:
    if stage not in Stage.values:
        raise StepRefused("invalid_input", "Choose the stage whose time limit is extended.")
    if parts and stage in _REQUEST_STAGES or not parts and stage not in _REQUEST_STAGES:
        raise StepRefused(
            "stage_not_open",
            f"'{Stage(stage).label}' is not a stage you can extend on this request now.",
        )
    numbers = {p.number for p in parts} or {None}
    found = [
        d
        for d in deadlines_for(step.request, today=timezone.localdate(step.now))
        if d.stage == stage and d.subject in numbers and d.open
    ]
    if not found:
        raise StepRefused(
            "stage_not_open",
            f"'{Stage(stage).label}' has not started yet or is already done, so it cannot be extended.",
        )
    return found


def _keys(parts: list[RequestSubject]) -> set[int | None]:
    return {p.pk for p in parts} if parts else {None}


def _note_all(step: Step, parts: list[RequestSubject], text: str) -> None:
    for part in parts or step.parts:
        step.case_note(part, text)


__all__ = ["extend", "restart_clock", "stop_clock"]
