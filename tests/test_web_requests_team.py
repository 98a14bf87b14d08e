"""My team's work: team managers and CSMs see the open parts held by their
teams, with the holder's own team, and a reassign link only where the step
may be taken now (actions_for)."""

import pytest
from casework_factories import approved, build_office
from django.utils.html import escape

from disclose.casework import services
from disclose.casework.actions import actions_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def test_a_team_manager_and_a_csm_see_parts_held_by_their_team(client, office):
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    for manager in (office.tm_t1, office.csm_t1):
        client.force_login(manager)
        page = client.get("/requests/team/").content.decode()
        assert case.reference in page, manager.username
        assert escape(office.sw_t1.display_name) in page and escape(office.t1.name) in page
        # The request itself opens for them: they manage the team holding it.
        assert client.get(f"/requests/{case.reference}/").status_code == 200


def test_another_teams_manager_sees_none_of_it(client, office):
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    client.force_login(office.csm_d)
    page = client.get("/requests/team/").content.decode()
    assert case.reference not in page
    assert "Nobody in your teams holds an open request now." in page


def test_reassign_is_linked_only_when_actions_for_allows_it(client, office):
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    client.force_login(office.tm_t1)
    page = client.get("/requests/team/").content.decode()
    allowed = "reassign" in actions_for(office.tm_t1, case).names()
    link = f"/requests/{case.reference}/subjects/1/reassign/"
    assert (link in page) == allowed


def test_a_social_worker_has_no_team_page(client, office):
    client.force_login(office.sw_t1)
    assert client.get("/requests/team/").status_code == 404


def test_the_team_page_flags_members_without_an_email(client, office):
    office.sw_t1.email = ""
    office.sw_t1.save()
    client.force_login(office.tm_t1)
    page = client.get("/requests/team/").content.decode()
    flagged = page[page.index("People in your teams with no email address") :]
    assert escape(office.sw_t1.display_name) in flagged
    client.force_login(office.tm_d)
    assert "with no email address" not in client.get("/requests/team/").content.decode()
