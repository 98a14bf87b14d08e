"""Issue 15, item 7: staff see a request only while it is their work.

Each test fails on the rules before the change: a team manager saw a part from
the forward, before the CSM had decided; a CSM who passed a part on kept it; a
team manager could allocate to any worker in the county; the dashboard named
every request in the council; a request page's view was not in its subjects'
audit trails.
"""

from datetime import timedelta

import pytest
from casework_factories import assert_refused, build_office, forwarded, make_staff, part, receive
from django.utils import timezone
from django.utils.html import escape

from disclose.audit import reports as audit_reports
from disclose.casework import reports, services
from disclose.casework.visibility import can_see, visible_requests

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def status(client, staff, case) -> int:
    client.force_login(staff)
    return client.get(f"/requests/{case.reference}/").status_code


def test_a_team_manager_sees_a_part_only_from_the_csms_approval(client, office):
    case = forwarded(office, office.closed_case(office.t1))  # with the team's CSM
    assert part(case).assignee == office.csm_t1
    assert status(client, office.tm_t1, case) == 404
    services.decide(actor=office.csm_t1, request=case, decision="approve", reason="Proportionate.")
    assert status(client, office.tm_t1, case) == 200


def test_a_declined_part_never_reaches_the_team_manager(client, office):
    case = forwarded(office, office.closed_case(office.t1))
    services.decide(actor=office.csm_t1, request=case, decision="decline", reason="Not needed.")
    assert not can_see(office.tm_t1, case)
    assert can_see(office.csm_t1, case)  # they decided it


def test_a_csm_who_passes_a_part_on_loses_sight_of_it(office):
    case = forwarded(office, office.closed_case(office.t1))
    other = make_staff("csm_other", "csm", team=office.dcpt)
    services.pass_to_csm(actor=office.csm_t1, request=case, to=other, reason="Their area.")
    assert not can_see(office.csm_t1, case)
    assert case not in visible_requests(office.csm_t1)
    assert can_see(other, case)


def test_the_csm_who_passed_it_on_keeps_their_own_case_note(office):
    case = forwarded(office, office.closed_case(office.t1))
    other = make_staff("csm_other", "csm", team=office.dcpt)
    services.pass_to_csm(actor=office.csm_t1, request=case, to=other, reason="Their area.")
    note = part(case).person.case_notes.filter(author=office.csm_t1).get()
    assert case.reference in note.text or note.request_reference == case.reference


def test_a_team_manager_allocates_only_within_the_team_that_holds_the_part(client, office):
    case = forwarded(office, office.closed_case(office.t1))
    services.decide(actor=office.csm_t1, request=case, decision="approve", reason="Proportionate.")
    refused = assert_refused(
        "not_your_team", services.allocate, actor=office.tm_t1, request=case, worker=office.sw_d
    )
    assert "Bassetlaw Children's Team 1" in refused.message and refused.paragraph == "2.1.2.1"
    assert not can_see(office.sw_d, case)
    # The allocation page offers only the team's own workers.
    client.force_login(office.tm_t1)
    page = client.get(f"/requests/{case.reference}/subjects/1/allocate/").content.decode()
    assert escape(office.sw_t1.display_name) in page
    assert escape(office.sw_d.display_name) not in page
    services.allocate(actor=office.tm_t1, request=case, worker=office.sw_t1)
    assert part(case).assignee == office.sw_t1


def test_the_dashboard_counts_and_names_only_what_the_viewer_may_see(office):
    theirs = forwarded(office, office.closed_case(office.t1))
    services.decide(actor=office.csm_t1, request=theirs, decision="approve", reason="Yes.")
    services.allocate(actor=office.tm_t1, request=theirs, worker=office.sw_t1)
    other = forwarded(office, office.closed_case(office.dcpt))  # the DCPT CSM's to decide
    # Seen 90 days on, when every stage still open is overdue.
    later = timezone.localdate() + timedelta(days=90)
    start = later - timedelta(days=365)

    def figures(user=None):
        within = visible_requests(user) if user else None
        return reports.dashboard(start, later, today=later, within=within)

    def overdue(user=None):
        return {row.reference for row in figures(user).overdue}

    assert figures().total == 2 and overdue() == {theirs.reference, other.reference}
    assert figures(office.tm_t1).total == 1 and overdue(office.tm_t1) == {theirs.reference}
    assert figures(office.csm_d).total == 1 and overdue(office.csm_d) == {other.reference}
    governance = make_staff("ig1", "information_governance")
    assert figures(governance).total == 2


def test_viewing_a_request_is_in_each_subjects_audit_trail(client, office):
    first, second = office.closed_case(office.t1), office.closed_case(office.t1)
    case = receive(office, first, second, None)
    services.verify_identity(
        actor=office.scimt, request=case, method="call_back", outcome="verified"
    )
    services.match_subject(actor=office.scimt, request=case, subject=1, person=first)
    services.match_subject(actor=office.scimt, request=case, subject=2, person=second)
    assert status(client, office.scimt, case) == 200
    for person in (first, second):
        rows = [
            r for r in audit_reports.person_trail(person=person) if r.event_type == "request_viewed"
        ]
        assert len(rows) == 1, person
        assert rows[0].username == office.scimt.username
        assert rows[0].what == "Named on a request that was viewed"


def test_a_part_with_a_teams_worker_is_seen_by_that_teams_managers_only(office):
    """The team's manager and CSM see a part their team's worker holds; another
    team's do not. A list and a single request give the same answer."""
    case = forwarded(office, office.open_case(worker=office.sw_t1))  # 2.1.1: to the worker
    assert part(case).worker == office.sw_t1
    for staff, sees in [(office.tm_t1, True), (office.csm_t1, True), (office.tm_d, False)]:
        assert can_see(staff, case) is sees, staff
        assert visible_requests(staff).filter(pk=case.pk).exists() is sees, staff
    moved = make_staff("sw_moved", "social_worker", team=office.dcpt)
    part(case).__class__.objects.filter(pk=part(case).pk).update(worker=moved, assignee=moved)
    assert can_see(office.tm_d, case) and not can_see(office.tm_t1, case)
