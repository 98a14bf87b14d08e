"""A step's body turned into its service's arguments: the rows the service
takes for the ids and usernames sent. A holding or a document is looked for
only among this request's, as the step's page does (web/step_forms.py).
Whether the step may be taken, and with whom, is for the service alone."""

from typing import Any

from ninja import Schema

from disclose.casework.models import Document, Request
from disclose.procedure.steps import PART, Field, StepSpec
from disclose.records.models import Holding, Person, Staff

from .errors import invalid
from .step_bodies import body_fields, file_fields


class _Missing(ValueError):
    pass


def _row(field: Field, value: Any, case: Request | None) -> Any:
    """The row named by `value`, or _Missing with what to fix."""
    if field.kind == "staff":
        # Anyone on the staff list: whether they may take it on (a CSM in post,
        # a social worker) is the service's to say, with the trail's code.
        return _first(
            Staff.objects.filter(username=value),
            f"No member of staff has the username '{value}'. Check it and try again",
        )
    if field.kind == "holding":
        found = Holding.objects.filter(pk=value, person_id__in=case.subjects.values("person_id"))
        if field.only:
            found = found.filter(kind=field.only)
        return _first(found, field.missing or "No such holding for this request")
    if field.kind == "person":
        if value is None:
            return None  # not known to children's social care
        return _first(
            Person.objects.filter(person_id=value),
            f"No person has the record id '{value}'. Check it and try again",
        )
    if field.kind == "document":
        return _first(
            Document.objects.filter(pk=value, request=case),
            field.missing or "No such document is kept for this request",
        )
    return value


def _first(rows, problem: str):
    row = rows.first()
    if row is None:
        raise _Missing(problem)
    return row


def _plain(field: Field, value: Any) -> Any:
    if field.kind == "texts":
        return [line.strip() for line in value if line.strip()]
    if field.kind == "items":
        return [item.model_dump() for item in value]
    if field.kind == "lawful_basis":
        if value is None:
            return None
        basis = {key: text.strip() for key, text in value.model_dump().items() if text.strip()}
        return basis or None
    return value


def service_arguments(spec: StepSpec, case: Request | None, body: Schema, uploads: dict) -> dict:
    """The service's keyword arguments (besides actor and request); `case` is
    None for a step about a member of staff."""
    arguments: dict[str, Any] = {}
    problems = []
    for field in body_fields(spec):
        value = getattr(body, field.name)
        if value is None and field.kind != "person":
            continue  # not given: the service's default
        try:
            arguments[field.argument] = _plain(field, _row(field, value, case))
        except _Missing as missing:
            problems.append({"field": field.name, "message": str(missing)})
    if problems:
        raise invalid(problems)
    if spec.on == PART and "subject" not in arguments and getattr(body, "subject", None):
        arguments["subject"] = body.subject
    for field in file_fields(spec):
        upload = uploads[field.name]
        arguments[field.argument] = upload
        arguments["name"] = upload.name
    return arguments
