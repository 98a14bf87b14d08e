"""Who may reach a person's record through the web pages.

Only the roles whose work in the procedure needs the record may search for or
look at a person. Anyone else is told a person page does not exist (404), so a
record they may not see looks like one that is not there.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from disclose.records.models import Person, Role

# Plain strings: Staff.role_codes() holds the codes as stored.
RECORDS_ROLES = frozenset(
    code.value
    for code in (
        Role.Code.SCIMT_OFFICER,
        Role.Code.SOCIAL_WORKER,
        Role.Code.TEAM_MANAGER,
        Role.Code.CSM,
        Role.Code.BUSINESS_SUPPORT,
        Role.Code.INFORMATION_GOVERNANCE,
        Role.Code.ADMIN,
    )
)


def can_use_records(user) -> bool:
    """True for a signed-in member of staff who holds a role that needs the records."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.role_codes() & RECORDS_ROLES)


def get_person_for_user(user, pk: int, queryset: QuerySet[Person] | None = None) -> Person:
    """The person, or 404 when there is none or this user may not see records."""
    if not can_use_records(user):
        raise Http404("No such person")
    return get_object_or_404(Person if queryset is None else queryset, pk=pk)
