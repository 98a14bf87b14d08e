"""The REST API under /api/v1/ (issue 16): one NinjaAPI, its routers, and the
one shape of every error (errors.py).

Each call is a machine client's token (Authorization: Bearer ...) or a member
of staff's signed-in session; the OpenAPI document and its docs page answer
anyone, as they hold no data.
"""

import copy

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .auth import StaffSession, TokenAuth
from .errors import ApiError, RateLimited
from .openapi_examples import add_examples
from .routes import audit, intake, records, requests, steps  # noqa: F401 (intake: its operation)


class DiscloseAPI(NinjaAPI):
    """The document, with its examples, made once per process: it holds no
    data and changes only with the code (making it takes a second or two)."""

    def get_openapi_schema(self, *args, **kwargs):
        key = repr((args, sorted(kwargs.items())))
        made = self.__dict__.setdefault("_documents", {})
        if key not in made:
            made[key] = add_examples(super().get_openapi_schema(*args, **kwargs))
        return copy.deepcopy(made[key])


api = DiscloseAPI(
    title="Disclose API",
    version="1",
    description=(
        "Requests from other agencies for information from children's social care records. "
        "Machine clients use a token an administrator issued, as `Authorization: Bearer "
        "dsc_...`; staff use their signed-in session, with the CSRF token for anything that "
        "changes something. Every error is `{code, message, paragraph, problems}`; the codes "
        "are those of the scenario trail. See docs/api.md."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), StaffSession()],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _error(request: HttpRequest, error: ApiError) -> HttpResponse:
    response = api.create_response(request, error.body(), status=error.status)
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response


def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = []
    for item in error.errors:
        where = [str(p) for p in item.get("loc", ()) if p not in ("body", "payload", "form")]
        problems.append({"field": ".".join(where), "message": item.get("msg", "Not valid")})
    first = problems[0] if problems else {"field": "", "message": "Check what you sent."}
    message = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    return _error(request, ApiError(422, "invalid_input", message, problems=problems))


def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _error(
        request,
        ApiError(
            401,
            "not_signed_in",
            "Send a token an administrator issued you, as 'Authorization: Bearer dsc_...', "
            "or sign in. A token that has expired or been revoked no longer works.",
        ),
    )


def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    code = "csrf_failed" if error.status_code == 403 else "bad_request"
    message = (
        "Send the CSRF token with anything that changes something, as the pages do "
        "(the X-CSRFToken header)."
        if code == "csrf_failed"
        else str(error)
    )
    return _error(request, ApiError(error.status_code, code, message))


api.add_exception_handler(ApiError, _error)
api.add_exception_handler(ValidationError, _invalid)
api.add_exception_handler(AuthenticationError, _unauthenticated)
api.add_exception_handler(HttpError, _http_error)

api.add_router("", requests.router)  # with intake's POST /requests
api.add_router("", steps.router)
api.add_router("", records.router)
api.add_router("", audit.router)
