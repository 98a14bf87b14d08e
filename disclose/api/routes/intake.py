"""Logging a request (section 1), with the intake form's own validation: the
body is turned into what the form would have received and checked by it, and
the request is logged by casework.services.receive_request, as from the page."""

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Schema, Status

from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Agency, Extent
from disclose.web.forms_intake import CHANNELS, KINDS, MAX_SUBJECTS, IntakeForm

from ..errors import COMMON, ApiError, Error, status_for
from ..present import request_out
from ..schemas import RequestOut
from . import requests

# The same path as the list of requests (GET /requests), so the same router.
router = requests.router

ChannelCode = Literal[tuple(code for code, _ in CHANNELS)]  # type: ignore[valid-type]
KindCode = Literal[tuple(code for code, _ in KINDS)]  # type: ignore[valid-type]
AgencyCode = Literal[tuple(Agency.values)]  # type: ignore[valid-type]
ExtentCode = Literal[tuple(Extent.values)]  # type: ignore[valid-type]


class SubjectIn(Schema):
    forename: str = Field("", max_length=100)
    surname: str = Field("", max_length=100)
    dob: date | None = None


class NewRequest(Schema):
    channel: ChannelCode
    kind: KindCode
    extent: ExtentCode = "specific"
    requestor_name: str = Field(max_length=200)
    requestor_agency: AgencyCode
    requestor_role: str = Field("", max_length=200)
    requestor_email: str = Field("", max_length=254)
    requestor_phone: str = Field("", max_length=40)
    requestor_address: str = Field("", max_length=1000)
    consent: bool
    details: str = Field(max_length=5000)
    received: date | None = None
    subjects: list[SubjectIn] = Field(min_length=1, max_length=MAX_SUBJECTS)
    confirm_duplicate: bool = False

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "channel": "email",
                    "kind": "information",
                    "extent": "specific",
                    "requestor_name": "DS Ada Lovelace",
                    "requestor_agency": "police",
                    "requestor_role": "Detective Sergeant",
                    "requestor_email": "ada.lovelace@police.example",
                    "consent": True,
                    "details": "Any child protection involvement, for a strategy meeting.",
                    "received": "2026-11-30",
                    "subjects": [{"forename": "Jamie", "surname": "Hollis", "dob": "2015-04-02"}],
                }
            ]
        }
    }


def _date_parts(prefix: str, value: date | None) -> dict:
    if value is None:
        return {}
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": f"{value.year:04d}",
    }


def form_data(body: NewRequest) -> dict:
    """What the intake page would have posted for this body."""
    data = {
        name: getattr(body, name)
        for name in (
            "channel",
            "kind",
            "extent",
            "requestor_name",
            "requestor_agency",
            "requestor_role",
            "requestor_email",
            "requestor_phone",
            "requestor_address",
            "details",
        )
    }
    data["consent"] = "yes" if body.consent else "no"
    data["subject_count"] = str(len(body.subjects))
    if body.confirm_duplicate:
        data["confirm_duplicate"] = "on"
    data.update(_date_parts("received", body.received))
    for n, subject in enumerate(body.subjects, start=1):
        data[f"s{n}_forename"] = subject.forename
        data[f"s{n}_surname"] = subject.surname
        data.update(_date_parts(f"s{n}_dob", subject.dob))
    return data


def _field_name(name: str) -> str:
    """The body's name for one of the form's fields."""
    if name.startswith("received_"):
        return "received"
    if name.startswith("s") and "_" in name and name[1].isdigit():
        number, _, rest = name[1:].partition("_")
        return f"subjects.{int(number) - 1}.{rest.split('_')[0]}"
    return name


def _problems(form: IntakeForm) -> list[dict]:
    return [
        {"field": _field_name(name) if name != "__all__" else "", "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]


@router.post(
    "/requests",
    response={201: RequestOut, 409: Error, 422: Error, **COMMON},
    operation_id="log_request",
    tags=["Logging requests"],
    summary="Log a request",
    description="Log a request from another agency, as the SCIMT does (section 1), with the "
    "intake form's checks. A request outside the procedure is sent where it belongs at "
    "once, and comes back closed. The same request logged by you in the last few minutes "
    "is refused with `possible_duplicate`: send `confirm_duplicate: true` to log it too. "
    "Needs the `log_requests` scope, or a SCIMT officer signed in.",
)
def log_request(request: HttpRequest, body: NewRequest):
    caller = request.auth
    caller.require("log_requests", frozenset({"scimt_officer"}))
    officer = caller.acting_as("scimt_officer")
    form = IntakeForm(form_data(body))
    if not form.is_valid():
        problems = _problems(form)
        raise ApiError(422, "invalid_input", problems[0]["message"], problems=problems)
    try:
        case = services.receive_request(
            actor=officer,
            unless=lambda: form.warn_if_duplicate(officer),
            **form.service_arguments(),
        )
    except services.NotLogged:
        message = str(form.errors["confirm_duplicate"][0])
        raise ApiError(409, "possible_duplicate", message) from None
    except StepRefused as refused:
        raise ApiError(
            status_for(refused.code), refused.code, refused.message, refused.paragraph
        ) from None
    return Status(201, request_out(case, caller.staff))
