"""Every error the API gives has one shape: a stable code, a message that says
what to do, and, for a step the procedure refused, the paragraph it rests on.
The codes are the scenario trail's (spec/scenarios.md, error.code)."""

from ninja import Schema

# A refusal about who is asking is 403; about what was sent, 422; anything
# else is about where the request stands now (its state), 409.
FORBIDDEN = frozenset(
    {
        "not_permitted_for_role",
        "not_assigned_to_you",
        "not_the_approving_csm",
        "staff_inactive",
        "not_your_team",
        "not_your_open_case",
    }
)
UNPROCESSABLE = frozenset(
    {
        "invalid_input",
        "invalid_date",
        "reason_required",
        "items_required",
        "date_not_later",
        "not_a_csm",
        "not_a_social_worker",
        "lawful_basis_required",
        "no_such_subject",
        "no_such_item",
        "no_such_document",
        "not_third_party",
        "wrong_role_for_stage",
        "already_holds_it",
    }
)


def status_for(code: str) -> int:
    if code in FORBIDDEN:
        return 403
    return 422 if code in UNPROCESSABLE else 409


class Problem(Schema):
    field: str
    message: str


class Error(Schema):
    code: str
    message: str
    paragraph: str | None = None
    problems: list[Problem] = []

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "code": "identity_not_verified",
                    "message": "Verify the requestor's identity first. Nothing is shared "
                    "with an unverified requestor.",
                    "paragraph": "1",
                    "problems": [],
                }
            ]
        }
    }


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        paragraph: str | None = None,
        problems: list[dict] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.paragraph, self.problems = paragraph, problems or []

    def body(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "paragraph": self.paragraph,
            "problems": self.problems,
        }


class RateLimited(ApiError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            429,
            "rate_limited",
            f"This token has made too many calls this minute. Try again in {retry_after} seconds.",
        )
        self.retry_after = retry_after


def not_found(what: str = "request") -> ApiError:
    return ApiError(404, "not_found", f"There is no such {what}, or you may not see it.")


def invalid(problems: list[dict], message: str = "") -> ApiError:
    first = problems[0]["message"] if problems else "Check what you sent."
    return ApiError(422, "invalid_input", message or first, problems=problems)


# The error responses every operation may give, for the OpenAPI document.
COMMON = {401: Error, 403: Error, 404: Error, 429: Error}
