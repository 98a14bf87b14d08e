"""`disclose check`: staff in post without an email address are never told of
the work sent to them (casework/notify.py), so the check names them."""

from django.core import checks
from django.db import DatabaseError

SHOWN = 10  # names listed in the warning; the count says how many more


@checks.register("disclose")
def staff_without_email(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from .models import Staff

    try:
        missing = list(
            Staff.objects.filter(is_active=True, email="")
            # A machine client's account (disclose/api) is a system: no work is sent to it.
            .filter(api_token__isnull=True)
            .order_by("last_name", "first_name", "username")
            .values_list("username", flat=True)
        )
    except DatabaseError:
        return []  # no tables yet (before the first migrate): nothing to check
    if not missing:
        return []
    names = ", ".join(missing[:SHOWN])
    more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
    return [
        checks.Warning(
            f"{len(missing)} member(s) of staff in post have no email address, so they are "
            f"not told when work is sent to them: {names}{more}.",
            hint="Add their email addresses in Admin, Staff (filter by 'Has an email address: No').",
            id="disclose.W001",
        )
    ]
