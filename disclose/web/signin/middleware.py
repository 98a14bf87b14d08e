"""Sessions end on the server: after DISCLOSE_IDLE_MINUTES without a request, and
DISCLOSE_SESSION_HOURS after signing in, whatever the browser keeps."""

import time

from django.conf import settings
from django.contrib.auth import logout

from .flow import ENDED, SEEN, STARTED

# The last-use time is written at most once a minute, not on every request.
_TOUCH_SECONDS = 60


def _ended(session) -> str:
    now = int(time.time())
    started, seen = session.get(STARTED), session.get(SEEN)
    if started is None or seen is None:
        # Signed in some other way than flow.finish (before two factors were asked for).
        return "again"
    if now - started >= settings.DISCLOSE_SESSION_HOURS * 3600:
        return "absolute"
    if now - seen >= settings.DISCLOSE_IDLE_MINUTES * 60:
        return "idle"
    if now - seen >= _TOUCH_SECONDS:
        session[SEEN] = now
    return ""


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware: an ended session is signed out before any view
    runs, so the request goes on as anyone not signed in would (to the sign-in page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = _ended(request.session)
            if reason:
                logout(request)
                # Kept in the new, empty session for the sign-in page to explain.
                request.session[ENDED] = reason
        return self.get_response(request)
