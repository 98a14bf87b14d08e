"""Every search of the records and every view of a person is justified (issue 15, item 1).

Before: the SCIMT, information governance and administrators could open anyone's
record, and search, under a request reference that did not exist or was closed,
and the audit event stored the made-up reference. Now a search or a view needs
an open request this person may see (a view: with the person as a subject, or
still being matched by them), or, for information governance and administrators,
a review's written reason that the audit reports flag for checking.
"""

import pytest
from casework_factories import build_office, forwarded, make_staff, receive

from disclose.audit import reports
from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.records.search import reindex_persons

pytestmark = pytest.mark.django_db

REASON = "Subject access request SAR-118: checking what we hold on this child"


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def child(office):
    child = office.closed_case()
    child.forename, child.surname = "Tamsin", "Ollerenshaw"
    child.save()
    reindex_persons([child.pk])
    return child


@pytest.fixture
def governance(office):
    return make_staff("ig1", "information_governance")


def view(client, user, person, **form):
    client.force_login(user)
    data = {"request_reference": "", "review_reason": ""} | form
    return client.post(f"/persons/{person.pk}/", data).content.decode()


def search(client, user, **form):
    client.force_login(user)
    data = {"request_reference": "", "review_reason": "", "surname": "Ollerenshaw"} | form
    return client.post("/persons/search/", data).content.decode()


def viewed() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type="person_viewed"))


def searches() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type="person_search"))


def closed_request_about(office, child):
    request = receive(office, child)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    services.match_subject(actor=office.scimt, request=request, subject=1, person=child)
    services.close(actor=office.scimt, request=request)
    return request


# --- viewing a person ---------------------------------------------------------


def test_a_made_up_reference_opens_nothing_and_records_nothing(client, office, child):
    page = view(client, office.scimt, child, request_reference="AR-2026-424242")
    assert "There is no request AR-2026-424242 that you work on" in page
    assert "Ollerenshaw" not in page
    assert viewed() == []


def test_a_closed_request_no_longer_opens_the_record(client, office, child):
    request = closed_request_about(office, child)
    page = view(client, office.scimt, child, request_reference=request.reference)
    assert f"Request {request.reference} is closed" in page
    assert "Ollerenshaw" not in page
    assert viewed() == []


def test_an_open_request_about_someone_else_does_not_open_this_record(client, office, child):
    other = forwarded(office, office.closed_case())  # matched and passed on: no matching now
    page = view(client, office.scimt, child, request_reference=other.reference)
    assert f"This person is not part of request {other.reference}" in page
    assert "Ollerenshaw" not in page
    assert viewed() == []


def test_an_open_request_with_the_person_as_its_subject_opens_the_record(client, office, child):
    request = forwarded(office, child)
    page = view(client, office.scimt, child, request_reference=request.reference)
    assert "Tamsin Ollerenshaw" in page
    (event,) = viewed()
    assert event.request_reference == request.reference and "for_review" not in event.detail


def test_while_matching_the_scimt_may_open_a_candidate_the_search_found(client, office, child):
    request = receive(office, None)  # not yet matched to anybody
    page = view(client, office.scimt, child, request_reference=request.reference)
    assert "Tamsin Ollerenshaw" in page
    assert viewed()[0].request_reference == request.reference


# --- a review under a written reason ----------------------------------------


def test_information_governance_may_review_under_a_reason_and_it_is_flagged(
    client, office, child, governance
):
    page = view(client, governance, child, review_reason=REASON)
    assert "Tamsin Ollerenshaw" in page and f"Review: {REASON}" in page
    (event,) = viewed()
    assert event.request_reference == ""
    assert event.detail["for_review"] is True and event.detail["review_reason"] == REASON
    (row,) = reports.reviews()
    assert row.for_review and row.person_id == child.person_id
    assert row.what == f"Viewed the record, for a review: {REASON}"


def test_the_governance_audit_page_lists_reviews_to_check(client, office, child, governance):
    view(client, governance, child, review_reason=REASON)
    client.force_login(governance)
    page = client.post("/audit/", {"which": "reviews"}).content.decode()
    assert "Records looked at for a review" in page
    assert "Check</strong> Viewed the record, for a review: Subject access request SAR-118" in page
    assert "Tamsin Ollerenshaw" in page


def test_a_reason_too_short_to_say_anything_is_refused(client, office, child, governance):
    page = view(client, governance, child, review_reason="checking")
    assert "Reason for your review must be 20 characters or more" in page
    assert "Ollerenshaw" not in page and viewed() == []


def test_neither_a_request_nor_a_reason_says_both_ways_in(client, office, child, governance):
    page = view(client, governance, child)
    assert "Enter the request reference this is for, or the reason for your review" in page


def test_the_scimt_cannot_review_under_a_reason(client, office, child):
    page = view(client, office.scimt, child, review_reason=REASON)
    assert "Enter the request reference this is for" in page
    assert "the reason you are looking" not in page  # the reason box is not offered
    assert "Ollerenshaw" not in page and viewed() == []


# --- searching ----------------------------------------------------------------


def test_a_search_under_a_made_up_reference_is_refused_and_not_run(client, office, child):
    page = search(client, office.scimt, request_reference="AR-2026-424242")
    assert "There is no request AR-2026-424242 that you work on" in page
    assert "Tamsin" not in page and searches() == []


def test_a_search_under_a_closed_request_is_refused(client, office, child):
    request = closed_request_about(office, child)
    page = search(client, office.scimt, request_reference=request.reference)
    assert f"Request {request.reference} is closed" in page
    assert searches() == []


def test_a_search_for_an_open_request_finds_and_is_recorded(client, office, child):
    request = receive(office, None)
    page = search(client, office.scimt, request_reference=request.reference)
    assert "Tamsin Ollerenshaw" in page
    (event,) = searches()
    assert event.request_reference == request.reference and child.pk in event.detail["results"]


def test_a_review_search_is_flagged_and_its_results_open_under_the_same_reason(
    client, office, child, governance
):
    page = search(client, governance, review_reason=REASON)
    assert "Tamsin Ollerenshaw" in page
    assert f'name="review_reason" value="{REASON}"' in page  # carried to the record
    (event,) = searches()
    assert event.detail["for_review"] is True and event.detail["review_reason"] == REASON
    trail = reports.person_trail(person=child)
    assert trail[0].what == f"Found in a search, for a review: {REASON}"


def test_a_closed_requests_page_names_the_person_without_opening_the_record(client, office, child):
    request = closed_request_about(office, child)
    client.force_login(office.scimt)
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert "Tamsin Ollerenshaw" in page
    assert f'action="/persons/{child.pk}/"' not in page
