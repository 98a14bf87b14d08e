"""Signing in to the portal: a link and a code, both sent to the work email.

Only an address at a domain on the council profile's trusted list may sign in
(everyone else still asks by email or phone). The link comes in one email and
the code in a second, so a link that was forwarded, logged by a proxy or
opened by a mail scanner is not enough on its own. The link also works only in
the browser that asked for it (a cookie set then), so someone who has the
emails but did not start the sign-in cannot use them.

Each link and code expires after DISCLOSE_PORTAL_LINK_MINUTES, is used once,
and is kept only as a keyed hash. A wrong code counts against the link; after
DISCLOSE_PORTAL_CODE_TRIES wrong codes the link is dead. An address may ask
for at most DISCLOSE_PORTAL_LINKS_PER_HOUR links an hour.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from disclose.audit.log import record
from disclose.council.models import CouncilProfile
from disclose.intake.extract import domain_trusted
from disclose.outbox.queue import queue_email

from .models import Professional, SignIn
from .tokens import digest, new_code, new_token, same


class SignInRefused(Exception):
    """Why this address may not have a link now, in words to show."""


@dataclass(frozen=True)
class Started:
    browser_token: str  # for the cookie of the browser that asked


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def start(*, email: str, link_url) -> Started:
    """Send a link and a code to `email`, if it may sign in. `link_url(token)`
    makes the link's full address. Refused with the reason otherwise."""
    email = normalise(email)
    profile = CouncilProfile.current()
    if not domain_trusted(email, profile.trusted_email_domains or []):
        raise SignInRefused(
            "You cannot sign in with this email address. Only staff of agencies the "
            f"council works with can use this service. Send your request to {profile.scimt_email} "
            f"or call {profile.scimt_phone}."
        )
    now = timezone.now()
    link, code, browser = new_token(), new_code(), new_token()
    with transaction.atomic():
        recent = SignIn.objects.select_for_update().filter(
            email=email, created_at__gte=now - timedelta(hours=1)
        )
        if len(recent) >= settings.DISCLOSE_PORTAL_LINKS_PER_HOUR:
            raise SignInRefused(
                "You have asked for too many sign-in links. Wait an hour, then try again."
            )
        # A new link replaces any earlier one: only the newest works.
        SignIn.objects.filter(email=email, finished_at__isnull=True).update(finished_at=now)
        SignIn.objects.create(
            email=email,
            link_hash=digest(link, "link"),
            code_hash=digest(code, "code"),
            browser_hash=digest(browser, "browser"),
            created_at=now,
            expires_at=now + timedelta(minutes=settings.DISCLOSE_PORTAL_LINK_MINUTES),
        )
        context = {
            "council": profile,
            "link": link_url(link),
            "code": code,
            "minutes": settings.DISCLOSE_PORTAL_LINK_MINUTES,
        }
        for kind, subject in (
            ("link", "Your link to sign in"),
            ("code", "Your code to sign in"),
        ):
            queue_email(
                to=email,
                subject=f"{subject} to {profile.council_name}'s information requests service",
                body=render_to_string(f"portal/email/sign_in_{kind}.txt", context),
                kind=f"portal_sign_in_{kind}",
                description=f"Portal sign-in {kind}",
                source="portal",
            )
    return Started(browser_token=browser)


def open_link(*, link: str, browser: str) -> SignIn | None:
    """The sign-in this link belongs to, now opened, if it is still good and
    this is the browser that asked for it; otherwise None (and nothing changes)."""
    now = timezone.now()
    with transaction.atomic():
        found = (
            SignIn.objects.select_for_update()
            .filter(
                link_hash=digest(link, "link"), finished_at__isnull=True, opened_at__isnull=True
            )
            .first()
        )
        if found is None or found.expires_at <= now:
            return None
        if not browser or not same(found.browser_hash, digest(browser, "browser")):
            return None
        found.opened_at = now
        found.save(update_fields=["opened_at"])
    return found


def waiting_for_code(browser: str) -> SignIn | None:
    """The opened sign-in this browser is to enter the code for, if any."""
    if not browser:
        return None
    return SignIn.objects.filter(
        browser_hash=digest(browser, "browser"),
        opened_at__isnull=False,
        finished_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).first()


@dataclass(frozen=True)
class CodeOutcome:
    professional: Professional | None = None
    tries_left: int = 0  # after a wrong code; 0 and no professional: start again


def enter_code(*, browser: str, code: str) -> CodeOutcome:
    """Finish signing in with the emailed code, or count a wrong one."""
    now = timezone.now()
    with transaction.atomic():
        pending = waiting_for_code(browser)
        if pending is None:
            return CodeOutcome()
        pending = SignIn.objects.select_for_update().get(pk=pending.pk)
        if pending.finished_at is not None:
            return CodeOutcome()
        typed = "".join((code or "").split())
        if not same(pending.code_hash, digest(typed, "code")):
            pending.wrong_codes += 1
            if pending.wrong_codes >= settings.DISCLOSE_PORTAL_CODE_TRIES:
                pending.finished_at = now
            pending.save(update_fields=["wrong_codes", "finished_at"])
            record(
                event_type="portal_sign_in_code_wrong",
                detail={"email": pending.email, "wrong_codes": pending.wrong_codes},
            )
            left = settings.DISCLOSE_PORTAL_CODE_TRIES - pending.wrong_codes
            return CodeOutcome(tries_left=max(0, left))
        pending.finished_at, pending.signed_in = now, True
        pending.save(update_fields=["finished_at", "signed_in"])
        professional, _ = Professional.objects.get_or_create(email=pending.email)
        professional.last_signed_in_at = now
        professional.save(update_fields=["last_signed_in_at"])
        record(event_type="portal_signed_in", detail={"professional": professional.email})
    return CodeOutcome(professional=professional)
