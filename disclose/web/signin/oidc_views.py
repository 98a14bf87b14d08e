"""The two pages of single sign-on: off to the provider, and back with a code."""

import hmac
import secrets
import time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from disclose.records.models import Staff

from . import flow, lockout, oidc
from .addresses import client_address

SESSION = "signin.oidc"
# Long enough to sign in at the provider, short enough that a stale link fails.
FLOW_SECONDS = 10 * 60


def _redirect_uri(request: HttpRequest) -> str:
    configured = getattr(settings, "DISCLOSE_OIDC_REDIRECT_URI", "")
    return configured or request.build_absolute_uri(reverse("web:sso_callback"))


def _refused(request: HttpRequest, reason: str, message: str, status: int = 400) -> HttpResponse:
    lockout.record_failure(request, "", f"sso: {reason}")
    return render(request, "web/sign_in_refused.html", {"message": message}, status=status)


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    if not settings.DISCLOSE_OIDC_ISSUER:
        raise Http404
    minutes = lockout.minutes_locked("", client_address(request))
    if minutes:
        lockout.record_while_locked(request, "", "sso", minutes)
        context = {"message": lockout.locked_message(minutes)}
        return render(request, "web/sign_in_refused.html", context, status=429)
    wanted = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        wanted = reverse(settings.LOGIN_REDIRECT_URL)
    try:
        where = oidc.provider()
    except oidc.OIDCError as error:
        return _refused(request, error.reason, str(error), status=502)
    note = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(48),
        "next": wanted,
        "at": time.time(),
    }
    request.session[SESSION] = note
    return redirect(
        oidc.authorization_url(
            where, _redirect_uri(request), note["state"], note["nonce"], note["verifier"]
        )
    )


def _claims(request: HttpRequest, note: dict) -> dict:
    """The ID token's claims for this callback, or OIDCError."""
    if request.GET.get("error"):
        raise oidc.OIDCError(f"provider said {request.GET['error'][:60]}")
    if not hmac.compare_digest(request.GET.get("state", ""), note["state"]):
        raise oidc.OIDCError("state")
    code = request.GET.get("code", "")
    if not code:
        raise oidc.OIDCError("no_code")
    where = oidc.provider()
    token = oidc.exchange_code(where, code, _redirect_uri(request), note["verifier"])
    return oidc.verify_id_token(where, token, note["nonce"])


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    if not settings.DISCLOSE_OIDC_ISSUER:
        raise Http404
    # Each state is used once: taken out of the session whatever happens next.
    note = request.session.pop(SESSION, None)
    if not note or time.time() - note.get("at", 0) > FLOW_SECONDS:
        return _refused(
            request,
            "no_flow",
            "Your sign-in took too long or was started in another window. Sign in again.",
        )
    try:
        claims = _claims(request, note)
    except oidc.OIDCError as error:
        return _refused(request, error.reason, str(error))
    user = Staff.objects.filter(
        oidc_issuer=claims["iss"], oidc_subject=claims["sub"], is_active=True
    ).first()
    if user is None:
        message = (
            "Your council account is not linked to Disclose. Ask the Disclose administrator "
            f"to link it, and give them your sign-in ID: {claims['sub']}"
        )
        return _refused(request, "unknown_subject", message, status=403)
    flow.begin(request, user, "sso", note["next"])
    if settings.DISCLOSE_OIDC_REQUIRE_TOTP:
        return redirect("web:two_factor")
    return redirect(flow.finish(request, user, None))
