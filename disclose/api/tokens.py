"""Issuing, finding and revoking machine clients' tokens.

A token reads `dsc_<prefix>_<secret>`: the prefix finds the row, and only the
hash of the whole token is compared, in constant time.
"""

import hashlib
import hmac
import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from disclose.audit.log import record
from disclose.records.models import Staff

from .models import ApiToken
from .scopes import SCOPES

PREFIX = "dsc"


class TokenProblem(ValueError):
    """Something about a token to issue that an administrator must fix."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def check_scopes(scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise TokenProblem(
            f"There is no scope called {', '.join(unknown)}. Use one or more of: "
            f"{', '.join(SCOPES)}."
        )
    if not scopes:
        raise TokenProblem(f"Give the token at least one scope: {', '.join(SCOPES)}.")
    return sorted(set(scopes))


def issue_token(
    *,
    name: str,
    scopes: list[str],
    expires_at: datetime,
    issued_by: Staff | None = None,
    per_minute: int = 120,
) -> tuple[ApiToken, str]:
    """A new token and its secret: the secret is never stored, so show it now."""
    name = (name or "").strip()
    if not name:
        raise TokenProblem("Give the token a name that says who uses it, like 'Police portal'.")
    scopes = check_scopes(list(scopes))
    if expires_at <= timezone.now():
        raise TokenProblem("The expiry date must be in the future.")
    if ApiToken.objects.filter(name__iexact=name).exists():
        raise TokenProblem(f"There is already a token called '{name}'. Choose another name.")
    prefix = secrets.token_hex(4)
    secret = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        client = Staff(
            username=f"api.{slugify(name)[:100]}.{prefix}",
            first_name=name[:150],
            last_name="(API client)",
        )
        client.set_unusable_password()
        client.save()
        token = ApiToken.objects.create(
            name=name,
            prefix=prefix,
            secret_hash=_hash(secret),
            scopes=scopes,
            client=client,
            issued_by=issued_by,
            expires_at=expires_at,
            per_minute=per_minute,
        )
        record(
            event_type="api_token_issued",
            actor=issued_by,
            detail={
                "token": token.name,
                "prefix": prefix,
                "scopes": scopes,
                "expires_at": expires_at.isoformat(),
            },
        )
    return token, secret


def revoke_token(token: ApiToken, *, by: Staff | None = None) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(
                event_type="api_token_revoked",
                actor=by,
                detail={"token": token.name, "prefix": token.prefix},
            )
    return token


def find_token(secret: str) -> ApiToken | None:
    """The usable token with this secret, or None (unknown, revoked or expired)."""
    parts = (secret or "").split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    token = ApiToken.objects.select_related("client").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if not token.usable or not token.client.is_active:
        return None
    return token
