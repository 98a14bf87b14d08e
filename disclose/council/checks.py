"""`disclose check`: errors in the council's set-up that would let work go nowhere.

Run by the `check` command only (council/management/commands/check.py), not
registered for every command: an error here must fail the check, yet never
stop the worker, a restore or a migration from running."""

from django.core import checks
from django.db import DatabaseError

from .defaults import DEFAULT_PROFILE


def support_to_schools_recipient(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """2.4: Ofsted's notifications about incidents in schools go to the Group
    Manager, Support to Schools. Each is closed as soon as it is passed on, so
    somebody must receive it: the profile's address, or a member of staff in
    post with the role and an email address."""
    from disclose.records.models import Role, Staff

    from .models import CouncilProfile

    try:
        profile = CouncilProfile.objects.filter(id=1).first()
        email = profile.support_to_schools_email if profile else ""
        staff = Staff.objects.filter(
            is_active=True, roles__code=Role.Code.SUPPORT_TO_SCHOOLS_MANAGER
        ).exclude(email="")
        if (email or DEFAULT_PROFILE["support_to_schools_email"]) or staff.exists():
            return []
    except DatabaseError:
        return []  # no tables yet (before the first migrate): nothing to check
    return [
        checks.Error(
            "The council profile names no Support to Schools recipient, so Ofsted's "
            "notifications about incidents in schools (paragraph 2.4) would be closed with "
            "nobody receiving them.",
            hint="In Admin, Council profile, enter the Support to Schools email address, or give "
            "a member of staff the role 'Group Manager, Support to Schools' and an email address.",
            id="disclose.E001",
        )
    ]


PROFILE_CHECKS = (support_to_schools_recipient,)
