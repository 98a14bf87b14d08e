"""Every step of the procedure, one operation each, made in a loop from the
declarations (procedure/steps.py): POST /requests/{reference}/steps/{step},
or, for a step about a member of staff rather than one request (someone
leaving), POST /staff/steps/{step}.

Each calls the same service the step's page calls (casework.services.VERBS)
as the member of staff signed in, so the same checks decide, and a refused
step comes back with the scenario trail's code: 403 for who is asking, 409
for where the request stands, 422 for what was sent. A step that went ahead
returns the request as it now stands.
"""

from inspect import Parameter, Signature

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, UploadedFile

from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.procedure.steps import HOLDING, PART, REQUEST, STEPS, StepSpec

from ..access import audit_read, visible_request
from ..errors import COMMON, ApiError, Error, status_for
from ..present import request_out
from ..schemas import RequestOut, example
from ..step_arguments import service_arguments
from ..step_bodies import body_for, file_fields

router = Router(tags=["Steps"])
_ON = {PART: "one person's part of a request", HOLDING: "a paper file or microfilm holding"}


def _description(spec: StepSpec) -> str:
    roles = ", ".join(sorted(r.replace("_", " ") for r in spec.roles))
    on = _ON.get(spec.on, "the request as a whole")
    lines = [
        f"Procedure paragraph {spec.paragraph}. On {on}. For: {roles}, signed in.",
    ]
    if spec.words.warning:
        lines.append(spec.words.warning)
    if spec.on == PART:
        lines.append(
            "Name the part with `subject`; without it, the step is taken on every part "
            "you may take it on now."
        )
    return "\n\n".join(lines)


def _take(spec: StepSpec):
    uploads = [f.name for f in file_fields(spec)]

    def take(request: HttpRequest, reference: str, body, **files):
        caller = request.auth
        caller.staff_only()
        case = visible_request(caller, reference)
        if spec.words.confirm and not body.confirm:
            raise ApiError(
                422,
                "invalid_input",
                spec.words.unconfirmed or "Confirm this step",
                problems=[{"field": "confirm", "message": spec.words.unconfirmed}],
            )
        arguments = service_arguments(spec, case, body, files)
        try:
            services.VERBS[spec.service](actor=caller.staff, request=case, **arguments)
        except StepRefused as refused:
            raise ApiError(
                status_for(refused.code), refused.code, refused.message, refused.paragraph
            ) from None
        case.refresh_from_db()
        audit_read(caller, case, "request")
        return request_out(case, caller.staff)

    body = body_for(spec.name)
    parameters = [
        Parameter("request", Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
        Parameter("reference", Parameter.POSITIONAL_OR_KEYWORD, annotation=str),
        Parameter(
            "body", Parameter.POSITIONAL_OR_KEYWORD, annotation=Form[body] if uploads else body
        ),
        *(
            Parameter(name, Parameter.POSITIONAL_OR_KEYWORD, annotation=File[UploadedFile])
            for name in uploads
        ),
    ]
    take.__signature__ = Signature(parameters)
    take.__name__ = take.__qualname__ = f"take_{spec.name}"
    return take


class Done(Schema):
    step: str
    done: str

    model_config = example({"step": "staff_leaves", "done": "Recorded as having left"})


def _take_on_staff(spec: StepSpec):
    """A step about a member of staff: no request to find, the same service."""

    def take(request: HttpRequest, body):
        caller = request.auth
        caller.staff_only()
        arguments = service_arguments(spec, None, body, {})
        try:
            services.VERBS[spec.service](actor=caller.staff, **arguments)
        except StepRefused as refused:
            raise ApiError(
                status_for(refused.code), refused.code, refused.message, refused.paragraph
            ) from None
        return {"step": spec.name, "done": spec.words.done}

    take.__signature__ = Signature(
        [
            Parameter("request", Parameter.POSITIONAL_OR_KEYWORD, annotation=HttpRequest),
            Parameter("body", Parameter.POSITIONAL_OR_KEYWORD, annotation=body_for(spec.name)),
        ]
    )
    take.__name__ = take.__qualname__ = f"take_{spec.name}"
    return take


for _spec in STEPS.values():
    on_request = _spec.on in (REQUEST, PART, HOLDING)
    router.post(
        f"/requests/{{reference}}/steps/{_spec.slug}"
        if on_request
        else f"/staff/steps/{_spec.slug}",
        response={200: RequestOut if on_request else Done, 409: Error, 422: Error, **COMMON},
        summary=_spec.words.title,
        description=_description(_spec),
        operation_id=f"take_{_spec.name}",
        url_name=f"step_{_spec.name}",
    )(_take(_spec) if on_request else _take_on_staff(_spec))
