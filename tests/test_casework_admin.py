"""Administrators can read requests and the disclosure log, never change them."""

import pytest
from casework_factories import build_office, forwarded, make_staff

from disclose.audit.models import AuditEvent
from disclose.casework.models import Disclosure


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def admin_client(client, office):
    superuser = make_staff("root", "admin", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return client


def test_an_administrator_reads_a_request_and_the_view_is_audited(office, admin_client):
    request = forwarded(office, office.closed_case())
    response = admin_client.get(f"/admin/casework/request/{request.pk}/change/")
    assert response.status_code == 200
    assert request.reference.encode() in response.content
    assert AuditEvent.objects.filter(
        event_type="request_viewed", request_reference=request.reference
    ).exists()


def test_the_disclosure_log_is_listed_and_cannot_be_added_to_by_hand(office, admin_client):
    forwarded(office, office.closed_case())
    assert Disclosure.objects.exists()
    assert admin_client.get("/admin/casework/disclosure/").status_code == 200
    assert admin_client.get("/admin/casework/disclosure/add/").status_code == 403


def test_a_page_of_the_disclosure_log_is_an_audited_view_of_the_people_it_names(
    office, admin_client
):
    forwarded(office, office.closed_case())
    people = sorted({d.person_id for d in Disclosure.objects.all()} - {None})
    assert people
    assert admin_client.get("/admin/casework/disclosure/").status_code == 200
    event = AuditEvent.objects.get(event_type="admin_list_viewed")
    assert event.detail["results"] == people
    assert event.detail["list"] == "casework.disclosure"
