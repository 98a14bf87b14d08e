"""Why this member of staff may search the records or open a person's record now.

Procedure 1: staff look at the records only to answer a request. So every
search, and every view of a person, names an open request that this person
may see (visibility.py). A view also needs the person to be one of that
request's subjects, unless the request is still being matched and this
person may take the match step: that is the SCIMT checking the people a
search found (issue 15, item 1).

Information governance and administrators may instead look for a review,
under a reason they write down. Those searches and views carry the reason in
their audit event and are flagged for review in the audit reports.

Nothing here reads the audit trail: the request, its subjects and the step
declarations decide.
"""

from dataclasses import dataclass

from disclose.procedure.states import CLOSED

from .actions import actions_for
from .actors import roles_of
from .models import Request
from .visibility import can_see

REVIEW_ROLES = frozenset({"information_governance", "admin"})
SHORTEST_REASON = 20  # enough to say what the review is and why, not "checking"
MATCH_STEP = "match_subject"


@dataclass(frozen=True)
class Justification:
    """What a search or a view is for: a request, or a review's written reason."""

    request_reference: str = ""
    review_reason: str = ""

    @property
    def for_review(self) -> bool:
        return bool(self.review_reason)

    def audit_detail(self) -> dict:
        """Added to the access event: the audit reports flag these for review."""
        if not self.for_review:
            return {}
        return {"for_review": True, "review_reason": self.review_reason}


class NotJustified(Exception):
    """Why not, for the form field that has to change."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def may_review(user) -> bool:
    return bool(roles_of(user) & REVIEW_ROLES)


def justify_search(user, *, reference: str = "", reason: str = "") -> Justification:
    """The request or the review this search is for; NotJustified says what to fix."""
    if reference:
        _open_request_they_see(user, reference)
        return Justification(request_reference=reference)
    return _review(user, reason)


def justify_view(user, person_pk: int, *, reference: str = "", reason: str = "") -> Justification:
    """The request or the review this view of the person is for."""
    if not reference:
        return _review(user, reason)
    request = _open_request_they_see(user, reference)
    if request.subjects.filter(person_id=person_pk).exists():
        return Justification(request_reference=reference)
    if MATCH_STEP in actions_for(user, request).names():
        return Justification(request_reference=reference)  # checking a candidate match
    raise NotJustified(
        "request_reference",
        f"This person is not part of request {reference}. "
        "Open their record from a request they are part of.",
    )


def _open_request_they_see(user, reference: str) -> Request:
    request = Request.objects.filter(reference=reference).first()
    # One message whether the request does not exist or is not theirs to see.
    if request is None or not can_see(user, request):
        raise NotJustified(
            "request_reference",
            f"There is no request {reference} that you work on. Check the reference.",
        )
    if request.state == CLOSED:
        raise NotJustified(
            "request_reference",
            f"Request {reference} is closed. "
            "You can only look at the records to answer an open request.",
        )
    return request


def _review(user, reason: str) -> Justification:
    if not may_review(user):
        raise NotJustified("request_reference", "Enter the request reference this is for")
    reason = " ".join(reason.split())
    if not reason:
        raise NotJustified(
            "request_reference",
            "Enter the request reference this is for, or the reason for your review",
        )
    if len(reason) < SHORTEST_REASON:
        raise NotJustified(
            "review_reason",
            f"Reason for your review must be {SHORTEST_REASON} characters or more. "
            "Say what you are reviewing and why",
        )
    return Justification(review_reason=reason)
