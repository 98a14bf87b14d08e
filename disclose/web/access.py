"""Who may reach a person's record through the web pages.

The SCIMT checks the records for every request (section 1), so it may search
them and look at anyone, as may information governance and administrators.
A social worker, team manager or CSM may look only at a person matched to a
request they work on, and only for that request (issue 6, item 2). Business
support fetch files by the holding's reference and need no record. Anyone else is told a person page does not exist (404), so a record
they may not see looks like one that is not there.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from disclose.casework.models import Request
from disclose.records.models import Person, Role

from .roles import role_check

# Plain strings: Staff.role_codes() holds the codes as stored.
RECORDS_ROLES = frozenset(
    code.value
    for code in (Role.Code.SCIMT_OFFICER, Role.Code.INFORMATION_GOVERNANCE, Role.Code.ADMIN)
)
# Roles that see a person only through a request they work on.
CASEWORK_ROLES = frozenset(
    code.value
    for code in (
        Role.Code.SOCIAL_WORKER,
        Role.Code.TEAM_MANAGER,
        Role.Code.CSM,
    )
)


# A signed-in member of staff who holds a role that needs the records.
can_use_records = role_check(*RECORDS_ROLES, superuser=False)


def get_person_for_user(
    user, pk: int, queryset: QuerySet[Person] | None = None, reference: str | None = None
) -> Person:
    """The person, or 404 when there is none or this user may not see them: for
    the casework roles, when no request they may see (the one named by
    `reference`, when given) has this person as a matched subject."""
    if not can_use_records(user) and not _on_their_request(user, pk, reference):
        raise Http404("No such person")
    return get_object_or_404(Person if queryset is None else queryset, pk=pk)


def _on_their_request(user, pk: int, reference: str | None) -> bool:
    # Imported here: casework reads the records models too.
    from disclose.casework.visibility import can_see

    if not user.is_authenticated or not user.is_active:
        return False
    if not user.role_codes() & CASEWORK_ROLES:
        return False
    requests = Request.objects.filter(subjects__person_id=pk).distinct()
    if reference is not None:
        requests = requests.filter(reference=reference)
    return any(can_see(user, request) for request in requests)
