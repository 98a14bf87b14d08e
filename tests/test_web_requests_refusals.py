"""A refused step is shown as a GOV.UK error summary with the service's
message, keeps what was typed, and changes nothing."""

import pytest
from casework_factories import build_office, forwarded, make_staff, snapshot

from disclose.casework.models import Request

pytestmark = pytest.mark.django_db

DECISION = {"decision": "approve", "reason": "Proportionate and specific.", "confirm": "yes"}


@pytest.fixture
def office(db):
    return build_office()


def post(client, staff, url: str, data: dict):
    client.force_login(staff)
    return client.post(url, data)


def test_a_csm_who_does_not_hold_the_part_is_refused_and_nothing_changes(client, office):
    # Subject 1 is the DCPT CSM's to decide; the Team 1 CSM holds subject 2, so
    # sees the request, but may not decide the other part.
    case = forwarded(office, office.closed_case(office.t0), office.closed_case(office.t1))
    before = snapshot(case)
    response = post(
        client, office.csm_t1, f"/requests/{case.reference}/subjects/1/decide/", DECISION
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "This part of the request is not assigned to you." in page
    assert "Proportionate and specific." in page  # what was typed is kept
    assert snapshot(case) == before
    assert Request.objects.get(pk=case.pk).subjects.get(number=1).state == "awaiting_decision"


def test_approving_without_consent_or_a_lawful_basis_is_refused_and_says_what_to_record(
    client, office
):
    case = forwarded(office, office.closed_case(office.t0), consent=False)
    before = snapshot(case)
    page = post(
        client, office.csm_d, f"/requests/{case.reference}/subjects/1/decide/", DECISION
    ).content.decode()
    assert "Record the lawful basis" in page
    assert "UK GDPR Article 6 basis" in page  # the fields to fill in are on the form
    assert snapshot(case) == before


def test_a_lawful_basis_lets_the_csm_approve_without_consent(client, office):
    case = forwarded(office, office.closed_case(office.t0), consent=False)
    basis = {
        "article_6": "Article 6(1)(e): public task",
        "article_9": "Schedule 1 paragraph 18: safeguarding of children",
    }
    response = post(
        client, office.csm_d, f"/requests/{case.reference}/subjects/1/decide/", DECISION | basis
    )
    assert response.status_code == 302
    part = Request.objects.get(pk=case.pk).subjects.get()
    assert part.state == "awaiting_allocation" and part.lawful_basis == basis


def test_an_unchecked_confirmation_is_asked_for_before_the_step_is_taken(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    before = snapshot(case)
    page = post(
        client,
        office.csm_d,
        f"/requests/{case.reference}/subjects/1/decide/",
        DECISION | {"confirm": ""},
    ).content.decode()
    assert "Confirm that you have checked your decision" in page
    assert snapshot(case) == before


def test_passing_to_someone_who_is_not_a_csm_cannot_be_chosen(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    worker = make_staff("sw_x", "social_worker")
    before = snapshot(case)
    page = post(
        client,
        office.csm_d,
        f"/requests/{case.reference}/subjects/1/pass-to-csm/",
        {"to": worker.pk, "reason": "Not mine."},
    ).content.decode()
    assert "Choose the CSM to pass this request to" in page
    assert snapshot(case) == before


def test_closing_with_a_part_in_progress_is_refused_with_the_reason(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    before = snapshot(case)
    page = post(
        client, office.scimt, f"/requests/{case.reference}/close/", {"confirm": "yes"}
    ).content.decode()
    assert "1 part(s) of this request are still in progress." in page
    assert snapshot(case) == before
