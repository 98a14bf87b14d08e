"""OpenID Connect with Microsoft Entra ID: the authorization code flow with state,
nonce and PKCE, and ID tokens checked against the provider's own RS256 keys.

Written out here rather than taken from a library so each rule can be seen and tested:
the provider's metadata comes from its discovery document, every call has a timeout,
only RS256 is accepted (never "none" or HS256), and the issuer, audience, expiry and
nonce must all be right.
"""

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings

ALGORITHMS = ["RS256"]
_CACHE_SECONDS = 3600
_cache: dict[str, tuple[float, object]] = {}


class OIDCError(Exception):
    """Sign-in by single sign-on failed. `reason` is for the audit trail; the message
    is for the person."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(
            message
            or "Single sign-on did not work. Try again, or sign in with your username and password."
        )
        self.reason = reason


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


def _fetch(url: str, data: dict | None = None) -> dict:
    timeout = settings.DISCLOSE_OIDC_TIMEOUT_SECONDS
    try:
        if data is None:
            response = requests.get(url, timeout=timeout)
        else:
            response = requests.post(url, data=data, timeout=timeout)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise OIDCError(
            "provider_unreachable",
            "Single sign-on is not answering. Try again in a few minutes, or sign in with your username and password.",
        ) from error


def _cached(key: str, load, refresh: bool = False):
    hit = _cache.get(key)
    if hit and not refresh and time.monotonic() - hit[0] < _CACHE_SECONDS:
        return hit[1]
    value = load()
    _cache[key] = (time.monotonic(), value)
    return value


def provider() -> Provider:
    """The provider's endpoints, from its discovery document (kept for an hour)."""
    issuer = settings.DISCLOSE_OIDC_ISSUER

    def load() -> Provider:
        document = _fetch(f"{issuer}/.well-known/openid-configuration")
        if str(document.get("issuer", "")).rstrip("/") != issuer:
            raise OIDCError("discovery_issuer_mismatch")
        try:
            return Provider(
                issuer=document["issuer"],
                authorization_endpoint=document["authorization_endpoint"],
                token_endpoint=document["token_endpoint"],
                jwks_uri=document["jwks_uri"],
            )
        except KeyError as error:
            raise OIDCError("discovery_incomplete") from error

    return _cached(f"discovery {issuer}", load)


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def authorization_url(
    where: Provider, redirect_uri: str, state: str, nonce: str, verifier: str
) -> str:
    query = {
        "response_type": "code",
        "client_id": settings.DISCLOSE_OIDC_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "scope": settings.DISCLOSE_OIDC_SCOPES,
        "state": state,
        "nonce": nonce,
        "code_challenge": pkce_challenge(verifier),
        "code_challenge_method": "S256",
    }
    return f"{where.authorization_endpoint}?{urlencode(query)}"


def exchange_code(where: Provider, code: str, redirect_uri: str, verifier: str) -> str:
    """Trade the code for tokens at the token endpoint; return the ID token."""
    tokens = _fetch(
        where.token_endpoint,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": settings.DISCLOSE_OIDC_CLIENT_ID,
            "client_secret": settings.DISCLOSE_OIDC_CLIENT_SECRET,
            "code_verifier": verifier,
        },
    )
    id_token = tokens.get("id_token")
    if not isinstance(id_token, str):
        raise OIDCError("no_id_token")
    return id_token


def _signing_key(where: Provider, kid: str | None):
    """The provider's key with this key id; the key set is fetched again once if the
    id is new to us (the provider has rolled its keys)."""
    for refresh in (False, True):
        jwks = _cached(f"jwks {where.jwks_uri}", lambda: _fetch(where.jwks_uri), refresh)
        try:
            keys = jwt.PyJWKSet.from_dict(jwks).keys
        except jwt.PyJWKSetError as error:
            raise OIDCError("jwks_unusable") from error
        for key in keys:
            if key.key_id == kid and key.key_type == "RSA":
                return key.key
    raise OIDCError("unknown_signing_key")


def verify_id_token(where: Provider, token: str, nonce: str) -> dict:
    """The ID token's claims, once its signature, issuer, audience, expiry and nonce
    are all right."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as error:
        raise OIDCError("id_token_malformed") from error
    if header.get("alg") not in ALGORITHMS:
        raise OIDCError("id_token_algorithm")
    try:
        claims = jwt.decode(
            token,
            key=_signing_key(where, header.get("kid")),
            algorithms=ALGORITHMS,
            audience=settings.DISCLOSE_OIDC_CLIENT_ID,
            issuer=where.issuer,
            options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
            leeway=60,
        )
    except jwt.ExpiredSignatureError as error:
        raise OIDCError("id_token_expired") from error
    except jwt.InvalidAudienceError as error:
        raise OIDCError("id_token_audience") from error
    except jwt.InvalidIssuerError as error:
        raise OIDCError("id_token_issuer") from error
    except jwt.InvalidTokenError as error:
        raise OIDCError("id_token_invalid") from error
    if not hmac.compare_digest(str(claims["nonce"]), nonce):
        raise OIDCError("id_token_nonce")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != settings.DISCLOSE_OIDC_CLIENT_ID:
        raise OIDCError("id_token_audience")
    return claims
