"""The step pages: each shows what it will do before the person confirms,
and takes the step through the services."""

import pytest
from casework_factories import (
    approved,
    build_office,
    forwarded,
    make_staff,
    messages_of,
    part,
    receive,
    verified_and_matched,
)
from django.utils.html import escape

from disclose.casework import services
from disclose.casework.models import Request

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def get(client, staff, url: str) -> str:
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_forward_shows_each_route_and_who_it_goes_to_and_warns_of_emails(client, office):
    gone, live = office.closed_case(office.t0), office.open_case(worker=office.sw_t1)
    case = verified_and_matched(office, gone, live)
    page = get(client, office.scimt, f"/requests/{case.reference}/forward/")
    assert (
        "Closed case, electronic record: to the DCPT&#x27;s CSM" in page
        and escape(office.csm_d.display_name) in page
    )
    assert (
        "Open case: to the allocated social worker" in page
        and escape(office.sw_t1.display_name) in page
    )
    assert "govuk-warning-text" in page and "This emails each person below" in page
    assert Request.objects.get(pk=case.pk).state == "identity_verified"  # nothing sent yet


def test_share_basic_information_shows_the_facts_to_be_sent(client, office):
    person = office.closed_case()
    case = verified_and_matched(office, person)
    page = get(client, office.scimt, f"/requests/{case.reference}/share-basic-information/")
    assert escape(f"{person.full_name} is known to children") in page
    assert "The case is closed. It was closed on 1 May 2016." in page
    assert not messages_of(case)


def test_an_identity_that_cannot_be_verified_is_recorded_and_nothing_is_shared(client, office):
    case = receive(office, office.closed_case())
    services.match_subject(actor=office.scimt, request=case, subject=1, person=None)
    client.force_login(office.scimt)
    response = client.post(
        f"/requests/{case.reference}/verify-identity/",
        {"method": "call_back", "outcome": "failed"},
        follow=True,
    )
    page = response.content.decode()
    assert "Identity not verified" in page
    assert "Share basic information" not in page and "Forward the request" not in page
    assert [m.kind for m in messages_of(case)] == ["identity_not_verified"]


def test_a_declined_request_tells_the_requestor_and_the_csm_may_close(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    client.force_login(office.csm_d)
    page = client.post(
        f"/requests/{case.reference}/subjects/1/decide/",
        {"decision": "decline", "reason": "Too broad.", "confirm": "yes"},
        follow=True,
    ).content.decode()
    assert "Declined" in page and "Close the request" in page
    assert part(case).state == "declined"
    assert "decision_declined" in [m.kind for m in messages_of(case)]


def test_the_decide_page_asks_for_a_message_to_the_requestor_apart_from_the_reason(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    page = get(client, office.csm_d, f"/requests/{case.reference}/subjects/1/decide/")
    assert 'name="message_to_requestor"' in page
    assert escape("It is never sent to the requestor.") in page
    assert escape("We share information only where it is necessary") in page  # the standard words
    client.post(
        f"/requests/{case.reference}/subjects/1/decide/",
        {
            "decision": "decline",
            "reason": "Father is a person of interest.",
            "message_to_requestor": "Ask the court for an order.",
            "confirm": "yes",
        },
    )
    (message,) = messages_of(case, "decision_declined")
    assert "Ask the court for an order." in message.text
    assert "person of interest" not in message.text


def test_allocate_offers_the_teams_social_workers_only(client, office):
    case = approved(office, office.closed_case(office.t0), office.csm_d)
    page = get(client, office.tm_d, f"/requests/{case.reference}/subjects/1/allocate/")
    assert escape(office.sw_d.display_name) in page
    # Another team's worker: work moves between teams by reassignment (issue 15, item 7).
    assert escape(office.sw_t1.display_name) not in page
    assert escape(office.csm_d.display_name) not in page


def test_supply_on_an_open_case_without_consent_asks_for_the_lawful_basis(client, office):
    case = forwarded(office, office.open_case(worker=office.sw_t1), consent=False)
    url = f"/requests/{case.reference}/subjects/1/supply-information/"
    assert "UK GDPR Article 6 basis" in get(client, office.sw_t1, url)
    response = client.post(
        url,
        {
            "summary": "Dates of the current plan.",
            "schedule_2_exemption": "Schedule 2 paragraph 2: crime",
            "confirm": "yes",
        },
    )
    assert response.status_code == 302
    assert part(case).state == "supplied"


def test_pass_to_csm_moves_the_part_and_the_new_csm_sees_it(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    other = make_staff("csm_x", "csm", team=office.t1)
    client.force_login(office.csm_d)
    response = client.post(
        f"/requests/{case.reference}/subjects/1/pass-to-csm/",
        {"to": other.pk, "reason": "The family moved to Team 1's area."},
    )
    assert response.status_code == 302
    assert part(case).assignee == other
    assert "Record your decision" in get(client, other, f"/requests/{case.reference}/")


def test_a_step_that_does_not_exist_is_not_found(client, office):
    case = forwarded(office, office.closed_case())
    client.force_login(office.scimt)
    assert client.get(f"/requests/{case.reference}/delete-everything/").status_code == 404
    assert client.get(f"/requests/{case.reference}/decide/").status_code == 404  # a part step


def test_a_step_page_says_at_once_why_it_cannot_be_taken_now(client, office):
    # Subject 1 is the DCPT CSM's to decide, subject 2 the Team 1 CSM's.
    case = forwarded(office, office.closed_case(office.t0), office.closed_case(office.t1))
    page = get(client, office.csm_t1, f"/requests/{case.reference}/subjects/1/decide/")
    assert "You cannot do this now" in page
    assert "This part of the request is not assigned to you." in page
    assert "Record decision</button>" not in page


def test_the_withdraw_page_asks_why_and_for_confirmation_and_ends_the_parts(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    page = get(client, office.scimt, f"/requests/{case.reference}/withdraw/")
    assert "Why did the requestor withdraw?" in page and 'name="reason"' in page
    assert 'name="confirm"' in page and "nothing more is sent" in page
    client.post(
        f"/requests/{case.reference}/withdraw/",
        {"reason": "The court hearing was cancelled.", "confirm": "yes"},
    )
    assert part(case).state == "ended"
    detail = get(client, office.scimt, f"/requests/{case.reference}/")
    assert "Withdrawn by the requestor" in detail  # the request's state
    people = get(client, office.scimt, f"/requests/{case.reference}/people/")
    assert "Ended without information" in people
    assert "The requestor withdrew the request" in people
    timeline = get(client, office.scimt, f"/requests/{case.reference}/timeline/")
    assert "The court hearing was cancelled." in timeline


def test_the_narrow_request_page_asks_for_the_specific_information_and_goes_on(client, office):
    case = receive(office, office.closed_case(), extent="extensive")
    detail = get(client, office.scimt, f"/requests/{case.reference}/")
    assert "Waiting for the requestor to narrow it" in detail
    assert "Record a narrower request" in detail
    page = get(client, office.scimt, f"/requests/{case.reference}/narrow-request/")
    assert "What specific information does the requestor need now?" in page
    assert 'name="details"' in page and 'value="specific"' in page
    assert escape("This replaces what they first asked for.") in page  # the declared hint
    client.post(
        f"/requests/{case.reference}/narrow-request/",
        {"details": "Dates of the 2015 plan.", "extent": "specific"},
    )
    case.refresh_from_db()
    assert (case.state, case.details) == ("received", "Dates of the 2015 plan.")


def test_closing_a_request_never_narrowed_says_so_on_its_page(client, office):
    case = receive(office, office.closed_case(), extent="extensive")
    client.force_login(office.scimt)
    client.post(f"/requests/{case.reference}/close/", {"confirm": "yes"})
    detail = get(client, office.scimt, f"/requests/{case.reference}/")
    assert "The requestor did not narrow the request to specific information" in detail
