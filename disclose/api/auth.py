"""Who is calling: a machine client with a token, or a member of staff signed in.

A token acts through its own client account (models.py), which holds no role:
what it may do is its scopes, and for each object the same rules as for staff
(casework/visibility.py). Staff use their signed-in session; a call that
changes something needs the CSRF token as the pages do, and they may do
exactly what their roles allow.
"""

import copy
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from disclose.records.models import Staff
from disclose.web.roles import has_any_role

from .errors import ApiError
from .models import ApiToken
from .ratelimit import count_call
from .scopes import SCOPES
from .tokens import find_token


@dataclass
class Caller:
    staff: Staff  # who the audit trail names
    token: ApiToken | None = None

    def require(self, scope: str, roles: frozenset[str] | None = None) -> None:
        """A token needs `scope`; staff need one of `roles` (None: any member of
        staff, whose every object is checked as on the pages)."""
        if self.token is not None:
            if scope not in self.token.scopes:
                raise ApiError(
                    403,
                    "scope_missing",
                    f"This token may not do this. Ask an administrator for a token with the "
                    f"'{scope}' scope ({SCOPES.get(scope, scope)}).",
                )
        elif roles is not None and not has_any_role(self.staff, roles):
            raise ApiError(
                403, "not_permitted_for_role", "Your role does not allow this. Ask your manager."
            )

    def staff_only(self) -> None:
        """Steps and files are for people: a token cannot take them."""
        if self.token is not None:
            raise ApiError(
                403,
                "staff_only",
                "Steps of the procedure and documents' files are for staff, signed in. "
                "A token cannot take them.",
            )

    def acting_as(self, role: str) -> Staff:
        """The client account holding `role` for this one call (a token with the
        scope for it), or the member of staff as they are."""
        if self.token is None:
            return self.staff
        client = copy.copy(self.staff)
        client._role_codes = frozenset({role})
        return client


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = find_token(token)
        if found is None:
            return None
        count_call(found)
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        client = found.client
        client._role_codes = frozenset()  # a client holds no role of its own
        return Caller(staff=client, token=found)


class StaffSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user = request.user
        if user.is_authenticated and user.is_active and not hasattr(user, "api_token"):
            return Caller(staff=user)
        return None
