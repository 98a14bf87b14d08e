"""A request for an API call: the request, or 404 for a caller who may not
see it (the pages' rule, casework/visibility.py). Each read of a request is
audited as the request page is: it names the people it is about."""

from disclose.casework.models import Request
from disclose.casework.request_views import record_request_viewed
from disclose.casework.visibility import can_see

from .auth import Caller
from .errors import not_found


def visible_request(caller: Caller, reference: str) -> Request:
    case = Request.objects.filter(reference=reference).first()
    if case is None or not can_see(caller.staff, case):
        raise not_found()
    return case


def audit_read(caller: Caller, case: Request, what: str) -> None:
    detail = {"via": "api", "what": what}
    if caller.token is not None:
        detail["token"] = caller.token.name
    record_request_viewed(actor=caller.staff, request=case, **detail)
