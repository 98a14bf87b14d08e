"""The picture of the procedure (issue 5): this request's place on it, marked in
the SVG by shape, pattern and words (never colour alone), and the same steps in a
text list after it; on the request page and on a page of its own."""

import re
from datetime import date

import pytest
from casework_factories import (
    add_episode,
    add_holding,
    approved,
    build_office,
    forwarded,
    make_person,
    receive,
)
from django.test import Client

from disclose.audit.models import AuditEvent
from disclose.casework import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return build_office()


def page_for(staff, url: str) -> str:
    client = Client()
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def svg_of(page: str) -> str:
    return page[page.index("<svg") : page.index("</svg>")]


def steps_list(page: str) -> str:
    return page[
        page.index('id="procedure-steps"') : page.index("</ol>", page.index("procedure-steps"))
    ]


def current_texts(svg: str) -> list[str]:
    groups = re.findall(r'data-status="current">(.*?)</g>', svg, re.S)
    return [" ".join(re.findall(r">([^<]+)</text>", g)) for g in groups]


def test_a_request_just_logged_shows_the_identity_check_as_now(office):
    case = receive(office, office.open_case())
    page = page_for(office.scimt, f"/requests/{case.reference}/procedure/")
    svg = svg_of(page)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Now: Requestor&#x27;s identity checked." in svg
    (now,) = current_texts(svg)
    assert "identity checked" in now and "▶ Now" in now
    # The current step has a thick border and a striped fill, not just a colour.
    assert 'fill="url(#procedure-hatch)" stroke="#0b0c0c" stroke-width="5"' in svg
    steps = steps_list(page)
    assert "Request logged and scope checked (1): <strong>Done</strong>" in steps
    assert "Requestor&#x27;s identity checked (1): <strong>Now</strong>" in steps
    assert "Forwarded on its route (2.1): <strong>To do</strong>" in steps


def test_a_closed_paper_case_at_the_files_step_marks_the_route_and_ticks_what_is_done(office):
    person = make_person()
    add_episode(person, office.t0, start=date(2014, 1, 1), end=date(2016, 5, 1))
    holding = add_holding(person, "paper")
    case = approved(office, person, office.csm_d)
    services.allocate(actor=office.tm_d, request=case, subject=1, worker=office.sw_d)
    services.verify_identity(
        actor=office.sw_d, request=case, subject=1, method="call_back", outcome="verified"
    )
    services.request_paper_files(actor=office.sw_d, request=case, subject=1, holding=holding)
    page = page_for(office.sw_d, f"/requests/{case.reference}/procedure/")
    svg = svg_of(page)
    (now,) = current_texts(svg)
    assert "Paper files or microfilm fetched" in now and "Asked for, not yet fetched" in now
    route = re.search(r'data-status="route_taken">(.*?)</g>', svg, re.S).group(1)
    words = " ".join(re.findall(r">([^<]+)</text>", route))
    assert "Closed: paper" in words and "▶ Subject 1" in words
    steps = steps_list(page)
    assert "CSM decides (2.1.2.1): <strong>Done</strong>. Approved" in steps
    assert "Worker checks identity again (2.1.2.2): <strong>Done</strong>" in steps
    assert "Paper files or microfilm fetched (2.1.3.3): <strong>Now</strong>" in steps
    assert "Worker supplies the information (2.1.1): <strong>To do</strong>" in steps
    assert "Route: subject 1: Closed: paper" in steps


def test_an_open_case_skips_the_decision_and_the_request_page_carries_the_picture(office):
    case = forwarded(office, office.open_case(worker=office.sw_t1))
    page = page_for(office.sw_t1, f"/requests/{case.reference}/")
    assert "Where this request is in the procedure" in page
    steps = steps_list(page)
    assert "CSM decides (2.1.2.1): <strong>Not needed</strong>. Not on this route" in steps
    assert "Worker supplies the information (2.1.1): <strong>Now</strong>" in steps
    assert len(current_texts(svg_of(page))) == 1


def test_a_redirected_request_marks_the_redirect_and_is_closed(office):
    case = receive(office, office.open_case(), kind="own_records")
    page = page_for(office.scimt, f"/requests/{case.reference}/procedure/")
    svg = svg_of(page)
    assert re.search(r'data-status="route_taken">.*?Redirected', svg, re.S)
    assert "Request closed (2.1): <strong>Done</strong>" in steps_list(page)


def test_looking_at_the_picture_is_logged_and_others_get_404(office):
    case = receive(office, office.open_case())
    page_for(office.scimt, f"/requests/{case.reference}/procedure/")
    assert AuditEvent.objects.filter(
        event_type="request_viewed", request_reference=case.reference
    ).exists()
    client = Client()
    client.force_login(office.sw_d)  # no part in this request
    assert client.get(f"/requests/{case.reference}/procedure/").status_code == 404


def test_once_information_is_supplied_the_picture_says_hard_copies_may_still_be_asked_for(office):
    case = forwarded(office, office.open_case(worker=office.sw_t1))
    before = steps_list(page_for(office.sw_t1, f"/requests/{case.reference}/procedure/"))
    assert "may still ask" not in before
    services.supply_information(actor=office.sw_t1, request=case, summary="CP plan dates.")
    after = steps_list(page_for(office.sw_t1, f"/requests/{case.reference}/procedure/"))
    assert "None asked for yet: the requestor may still ask" in after


def test_the_picture_moves_on_with_the_request_though_each_drawing_is_made_once(office):
    """Drawings are kept in each process by the place they show (issue 11):
    the next step draws the request at its new place, never the one kept."""
    case = receive(office, office.open_case())
    other = receive(office, office.open_case())
    url = f"/requests/{case.reference}/procedure/"
    before = svg_of(page_for(office.scimt, url))
    same_place = svg_of(page_for(office.scimt, f"/requests/{other.reference}/procedure/"))
    assert same_place.replace(other.reference, case.reference) == before

    services.verify_identity(
        actor=office.scimt, request=case, method="call_back", outcome="verified"
    )

    after = svg_of(page_for(office.scimt, url))
    assert after != before
    assert "identity checked" not in " ".join(current_texts(after))
    assert "Requestor&#x27;s identity checked (1): <strong>Done</strong>" in steps_list(
        page_for(office.scimt, url)
    )
