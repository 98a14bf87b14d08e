"""How many calls a token may make a minute (issue 16).

Counted in the database, so the limit holds across app processes. Each call
adds one to the token's row for this minute; past the token's limit the call
is refused with 429 and Retry-After, the seconds until the next minute.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .errors import RateLimited
from .models import ApiToken, RateWindow

KEEP = timedelta(hours=1)  # windows older than this are of no use


def count_call(token: ApiToken) -> None:
    """Count this call; raise RateLimited once the token is over its limit."""
    now = timezone.now()
    started = now.replace(second=0, microsecond=0)
    calls = _add_one(token, started)
    if calls > token.per_minute:
        retry_after = max(1, int((started + timedelta(minutes=1) - now).total_seconds() + 0.999))
        raise RateLimited(retry_after)


def _add_one(token: ApiToken, started) -> int:
    window = RateWindow.objects.filter(token=token, started=started)
    if not window.update(calls=F("calls") + 1):
        try:
            with transaction.atomic():
                RateWindow.objects.create(token=token, started=started, calls=1)
                RateWindow.objects.filter(token=token, started__lt=started - KEEP).delete()
                return 1
        except IntegrityError:  # another process opened this minute's window first
            window.update(calls=F("calls") + 1)
    return window.values_list("calls", flat=True).first() or 1
