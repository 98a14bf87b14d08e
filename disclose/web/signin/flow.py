"""The steps of signing in, kept in the session between requests.

After the first factor (a password, or single sign-on) the session holds only a note of
who is part-way through, for a few minutes. django.contrib.auth.login (which gives the
session a new id) is called once the second factor is right.
"""

import time

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from disclose.records.models import Staff

from . import lockout

PENDING = "signin.pending"
STARTED = "signin.started"
SEEN = "signin.seen"
ENDED = "signin.ended"
PENDING_SECONDS = 5 * 60
BACKEND = "disclose.web.signin.backend.StaffBackend"


def begin(request: HttpRequest, user: Staff, method: str, next_url: str) -> None:
    """The first factor passed: note who, how, and where they were going."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "method": method,
        "at": time.time(),
        "next": next_url,
    }


def pending_user(request: HttpRequest) -> Staff | None:
    note = request.session.get(PENDING)
    if not note or time.time() - note.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return Staff.objects.filter(pk=note["user"], is_active=True).first()


def note_set_up_code_given(request: HttpRequest) -> None:
    """The person gave the one-time set-up code of a two-factor reset."""
    note = request.session.get(PENDING)
    if note:
        request.session[PENDING] = {**note, "set_up_code": True}


def set_up_code_given(request: HttpRequest) -> bool:
    return bool(request.session.get(PENDING, {}).get("set_up_code"))


def abandon(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def finish(request: HttpRequest, user: Staff, device: TOTPDevice | None) -> str:
    """Both factors passed: sign in (a new session id), audit it, and return where to go."""
    note = request.session.get(PENDING, {})
    method = note.get("method", "password")
    login(request, user, backend=BACKEND)
    if device is not None:
        otp_login(request, device)
    request.session.pop(PENDING, None)
    lockout.record_success(request, user, method + ("+totp" if device else ""))
    return note.get("next") or settings.LOGIN_REDIRECT_URL


@receiver(user_logged_in, dispatch_uid="disclose.signin.stamp")
def stamp(sender, request: HttpRequest, user: Staff, **kwargs) -> None:
    """The session's start, for the absolute timeout, and its last use, for the idle one."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[SEEN] = now
