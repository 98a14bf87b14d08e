"""The portal's own sessions: a cookie of its own (PORTAL_COOKIE), holding a
random key whose keyed hash is a PortalSession row. Django's staff session
(sessionid) is never read or written by the portal, and this cookie is never
read by a staff page (middleware.py). Sessions end after DISCLOSE_IDLE_MINUTES
without a request and DISCLOSE_SESSION_HOURS after signing in, as staff's do."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import PortalSession, Professional
from .tokens import digest, new_token

PORTAL_COOKIE = "disclose_portal"
BROWSER_COOKIE = "disclose_portal_sign_in"
_TOUCH = timedelta(minutes=1)  # last use written at most once a minute


def begin(response: HttpResponse, professional: Professional) -> None:
    """Start a session and give the browser its key."""
    key = new_token()
    PortalSession.objects.create(professional=professional, key_hash=digest(key, "session"))
    _set_cookie(response, PORTAL_COOKIE, key)
    response.delete_cookie(BROWSER_COOKIE, path="/portal/")


def end(request: HttpRequest, response: HttpResponse) -> None:
    key = request.COOKIES.get(PORTAL_COOKIE)
    if key:
        PortalSession.objects.filter(key_hash=digest(key, "session"), ended_at=None).update(
            ended_at=timezone.now()
        )
    response.delete_cookie(PORTAL_COOKIE, path="/")


def professional_for(request: HttpRequest) -> Professional | None:
    """The professional this request's portal cookie signs in, if its session
    is still good; an ended or timed-out session is closed here."""
    key = request.COOKIES.get(PORTAL_COOKIE)
    if not key:
        return None
    session = (
        PortalSession.objects.select_related("professional")
        .filter(key_hash=digest(key, "session"), ended_at=None)
        .first()
    )
    if session is None:
        return None
    now = timezone.now()
    idle = timedelta(minutes=settings.DISCLOSE_IDLE_MINUTES)
    absolute = timedelta(hours=settings.DISCLOSE_SESSION_HOURS)
    if now - session.seen_at >= idle or now - session.started_at >= absolute:
        PortalSession.objects.filter(pk=session.pk).update(ended_at=now)
        return None
    if now - session.seen_at >= _TOUCH:
        PortalSession.objects.filter(pk=session.pk).update(seen_at=now)
    return session.professional


def give_browser_cookie(response: HttpResponse, token: str) -> None:
    """The cookie that ties a sign-in link to the browser that asked for it."""
    _set_cookie(
        response,
        BROWSER_COOKIE,
        token,
        path="/portal/",
        max_age=settings.DISCLOSE_PORTAL_LINK_MINUTES * 60,
    )


def _set_cookie(response, name: str, value: str, path: str = "/", max_age=None) -> None:
    # Lax: the link in an email is followed by a cross-site GET, which must
    # carry the browser cookie. Every change is a POST with a CSRF token.
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
