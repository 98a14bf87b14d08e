"""My team's work: team managers and CSMs see the open parts held by their
teams, with the holder's own team, and a reassign link only where the step
may be taken now (actions_for)."""

import pytest
from casework_factories import approved, build_office, make_staff
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
    case.refresh_from_db()
    link = f"/requests/{case.reference}/subjects/1/reassign/"
    # The team manager of the worker's team may move it; the team's CSM may not
    # (a CSM moves only a decision held by a CSM), though both see the row.
    for manager, allowed in ((office.tm_t1, True), (office.csm_t1, False)):
        client.force_login(manager)
        page = client.get("/requests/team/").content.decode()
        assert ("reassign" in actions_for(manager, case).names()) == allowed
        assert (link in page) == allowed, manager.username


def test_a_leavers_work_shows_as_held_by_someone_who_has_left(client, office):
    case = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    client.force_login(office.tm_t1)
    assert "Holder has left" not in client.get("/requests/team/").content.decode()
    services.staff_leaves(actor=make_staff("admin1", "admin"), staff=office.sw_t1)
    page = client.get("/requests/team/").content.decode()
    row = page[page.index(case.reference) :]
    assert "Holder has left" in row[: row.index("</tr>")]
    assert f"/requests/{case.reference}/subjects/1/reassign/" in row
    # The request page says so too, beside the holder's name.
    detail = client.get(f"/requests/{case.reference}/").content.decode()
    assert "Holder has left" in detail


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
