"""Secrets for the portal: made at random, kept only as keyed hashes.

A six-digit code has too few values for a plain hash (anyone who read the
table could try them all), so every secret is kept as an HMAC under a key
derived from SECRET_KEY, which the database does not hold.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

CODE_DIGITS = 6


def new_token() -> str:
    """A secret for a link or a cookie: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """The one-time code a person types: six digits, leading zeros kept."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def digest(value: str, purpose: str) -> str:
    """The keyed hash stored in place of `value`; `purpose` keeps a link's hash
    from ever matching a code's or a session's."""
    key = hmac.new(settings.SECRET_KEY.encode(), f"portal:{purpose}".encode(), hashlib.sha256)
    return hmac.new(key.digest(), value.encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
