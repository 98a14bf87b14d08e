"""Looking at a request is looking at the people it names (issue 15, item 7).

A request page, its picture, its admin page and the API's reads all show the
subjects' names and what is asked about them, so each view is an access to
those people's records. One event per view names them in `detail["results"]`,
as a search names the people it found, so `disclose audit person` lists the
view in each subject's trail (audit/reports.py, LISTING_EVENTS).
"""

from disclose.audit.log import record_access

from .models import Request, RequestSubject


def record_request_viewed(
    *, actor, request: Request, subjects: list[RequestSubject] | None = None, **detail
) -> None:
    """`subjects`: the request's subjects when the caller has read them already."""
    if subjects is None:
        subjects = list(RequestSubject.objects.filter(request=request).only("person_id"))
    people = sorted({s.person_id for s in subjects if s.person_id is not None})
    record_access(
        event_type="request_viewed",
        actor=actor,
        request_reference=request.reference,
        detail={**detail, "results": people},
    )
