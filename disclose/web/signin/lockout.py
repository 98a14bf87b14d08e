"""Lockout after repeated failed sign-ins, per account and per client address.

Failures are counted in their own small table (records.SignInFailure), so every
app server sees the same count, and the audit trail only records: each attempt
is audited, and nothing reads the trail to decide (issue 15). An account is the
username as typed, whether or not such an account exists, so the lockout
message cannot tell anyone which accounts exist. A successful sign-in clears
the account's count; an address's count only runs out with time, and its limit
is high, because a whole council may share one proxy's address.

Attempts on one account or address take turns (`one_at_a_time`), so twenty wrong
passwords sent at once give exactly the limit of failures, not more (issue 15,
item 8). An attempt while locked is audited too, but does not count.
"""

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from disclose.audit.log import record
from disclose.audit.tables import plural
from disclose.records.models import SignInFailure, Staff

from .addresses import client_address

FAILED = "sign_in_failed"
LOCKED = "sign_in_locked"
WHILE_LOCKED = "sign_in_while_locked"
SIGNED_IN = "sign_in"


def normalise(username: str) -> str:
    return username.strip().lower()[:150]


def locked_message(minutes: int) -> str:
    return (
        "You have tried to sign in too many times. "
        f"Wait {plural(minutes, 'minute')}, then try again. "
        "If you need to sign in sooner, contact the service desk"
    )


@contextmanager
def one_at_a_time(username: str, address: str) -> Iterator[None]:
    """A transaction in which no other attempt on this account or address runs, so
    checking the count, checking the password and recording a failure happen as one.
    PostgreSQL: a lock per account and per address, held to the commit. SQLite opens
    every transaction with the write lock (settings: IMMEDIATE), so turns are taken anyway."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # In one order, so two attempts never wait on each other.
                for key in sorted({f"account:{normalise(username)}", f"address:{address}"}):
                    cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
        yield


def _window() -> timedelta:
    return timedelta(minutes=settings.DISCLOSE_SIGNIN_LOCKOUT_MINUTES)


def _lock_ends(failures: QuerySet, limit: int) -> datetime | None:
    """When the lock from these failures ends, if there are `limit` of them."""
    times = list(failures.order_by("-at", "-id").values_list("at", flat=True)[:limit])
    if limit <= 0 or len(times) < limit:
        return None
    return times[-1] + _window()


def minutes_locked(username: str, address: str) -> int | None:
    """Minutes until this account or address may try again; None if it may now."""
    now = timezone.now()
    failures = SignInFailure.objects.filter(at__gte=now - _window())
    scope = SignInFailure.Scope
    name = normalise(username)
    limits = [
        (
            failures.filter(scope=scope.ADDRESS, key=address[:150]),
            settings.DISCLOSE_SIGNIN_ADDRESS_FAILURES,
        )
    ]
    if name:  # single sign-on failures have no username: they count for the address only
        limits.append(
            (
                failures.filter(scope=scope.ACCOUNT, key=name),
                settings.DISCLOSE_SIGNIN_ACCOUNT_FAILURES,
            )
        )
    ends = [end for end in (_lock_ends(*limit) for limit in limits) if end and end > now]
    if not ends:
        return None
    return max(1, math.ceil((max(ends) - now).total_seconds() / 60))


def record_failure(request: HttpRequest, username: str, reason: str) -> int | None:
    """Count and audit a failed sign-in; if it locks the account or address, audit
    that too and return the minutes the lock lasts."""
    address = client_address(request)
    name = normalise(username)
    now = timezone.now()
    counted = [(SignInFailure.Scope.ADDRESS, address[:150])]
    if name:
        counted.append((SignInFailure.Scope.ACCOUNT, name))
    for scope, key in counted:
        # This account's and address's failures older than the window count for
        # nothing: they go (only these rows, which this attempt holds the turn for).
        SignInFailure.objects.filter(scope=scope, key=key, at__lt=now - _window()).delete()
        SignInFailure.objects.create(scope=scope, key=key, at=now)
    actor = Staff.objects.filter(username=username).first() if username else None
    detail = {"username": name, "address": address, "reason": reason}
    record(event_type=FAILED, actor=actor, detail=detail)
    minutes = minutes_locked(username, address)
    if minutes:
        record(event_type=LOCKED, actor=actor, detail={**detail, "minutes": minutes})
    return minutes


def record_while_locked(request: HttpRequest, username: str, reason: str, minutes: int) -> None:
    """Audit an attempt refused because of a lock; it does not add to the count."""
    name = normalise(username)
    actor = Staff.objects.filter(username=username).first() if username else None
    detail = {"username": name, "address": client_address(request), "reason": reason}
    record(event_type=WHILE_LOCKED, actor=actor, detail={**detail, "minutes": minutes})


def record_success(request: HttpRequest, user: Staff, method: str) -> None:
    """Audit a sign-in, and clear the account's count of failures."""
    name = normalise(user.username)
    SignInFailure.objects.filter(scope=SignInFailure.Scope.ACCOUNT, key=name).delete()
    detail = {"username": name, "address": client_address(request)}
    record(event_type=SIGNED_IN, actor=user, detail={**detail, "method": method})
