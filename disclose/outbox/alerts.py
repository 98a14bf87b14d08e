"""Telling administrators when something keeps failing to go.

After OUTBOX_ALERT_AFTER failed attempts an item is listed in an email to
every administrator in post, once per item, however many times it fails
after that. The alert goes through the outbox like any email; an alert that
itself keeps failing raises no alert about itself (the Outbox page still
shows it).
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from disclose.records.models import Staff

from .models import Outgoing

ALERT_KIND = "alert"


def alert_administrators() -> int:
    """Queue one alert email per administrator listing the items that have
    newly failed too often; the number of items listed."""
    threshold = int(getattr(settings, "OUTBOX_ALERT_AFTER", 3))
    failing = Outgoing.objects.filter(
        Q(status=Outgoing.Status.FAILED)
        | Q(status=Outgoing.Status.WAITING, attempts__gte=threshold),
        alerted=False,
    ).exclude(kind=ALERT_KIND)
    if not failing.exists():
        return 0
    from .queue import queue_email

    with transaction.atomic():
        items = list(failing.select_for_update().order_by("id")[:200])
        if not items:
            return 0
        Outgoing.objects.filter(pk__in=[i.pk for i in items]).update(alerted=True)
        body = _body(items)
        for admin in _administrators():
            queue_email(
                to=admin.email,
                subject=f"Disclose: {len(items)} item(s) could not be delivered",
                body=f"Dear {admin.display_name},\n\n{body}",
                kind=ALERT_KIND,
                description=f"Alert to {admin.display_name}: delivery failing",
            )
    return len(items)


def _administrators() -> list[Staff]:
    return list(
        Staff.objects.filter(is_active=True, roles__code="admin")
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _body(items: list[Outgoing]) -> str:
    lines = [
        "These have failed to go several times. Disclose keeps trying each one "
        "until it has failed the most times allowed, then stops.",
        "",
    ]
    for item in items:
        where = f" ({item.request_reference})" if item.request_reference else ""
        lines.append(f"- {item.description}{where}: tried {item.attempts} times.")
        lines.append(f"  Last error: {item.last_error or 'none recorded'}")
    lines += [
        "",
        "Check the mail server or the record system. Then sign in to Disclose, go to "
        "Outbox, and choose Retry on each one that failed.",
    ]
    return "\n".join(lines) + "\n"
