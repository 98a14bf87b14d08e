"""A request for the pages: the request, or 404 for someone who may not see it.

A request they may not see looks like one that does not exist (DESIGN.md:
healthchecks' _get_check_for_user). Who may see it is casework's rule
(casework/visibility.py); what they may do on it, casework/actions.py.
"""

from django.http import Http404

from disclose.casework.models import Request
from disclose.casework.visibility import can_see


def get_request_for_user(user, reference: str) -> Request:
    """The request, or 404 when there is none or this person may not see it."""
    try:
        # get() asks for no order (a reference is unique); first() ordered the
        # rows, which made Django compare each selected column (issue 11).
        request = Request.objects.get(reference=reference)
    except Request.DoesNotExist:
        request = None
    return visible_or_404(user, request)


def visible_or_404(user, request: Request | None) -> Request:
    """The request found, or 404 when there is none or this person may not see it."""
    if request is None or not can_see(user, request):
        raise Http404("No such request")
    return request
