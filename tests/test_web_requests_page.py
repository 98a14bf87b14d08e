"""The request page: what happened, why each subject went where it did, and
only the steps this person may take now; nobody else sees it."""

import pytest
from casework_factories import build_office, forwarded, make_staff, receive, verified_and_matched
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from hard_copy_factories import PDF, supplied, upload

from disclose.audit.models import AuditEvent
from disclose.casework import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def page_of(client, staff, case, section: str = "") -> str:
    client.force_login(staff)
    response = client.get(f"/requests/{case.reference}/{section}")
    assert response.status_code == 200
    return response.content.decode()


def test_after_forward_the_page_shows_each_route_with_its_paragraph_and_rationale(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    subject = case.subjects.get()
    page = page_of(client, office.scimt, case, "people/")
    assert "Closed case, electronic record: to the DCPT&#x27;s CSM" in page
    assert "closed_electronic" not in page  # plain words, not the route's code
    assert "paragraph 2.1.2" in page
    assert escape(subject.rationale) in page
    assert escape(office.csm_d.display_name) in page


def test_the_timeline_lists_every_step_newest_first(client, office):
    case = forwarded(office, office.closed_case())
    page = page_of(client, office.scimt, case, "timeline/")
    timeline = page[page.index('class="moj-timeline"') :]
    titles = ["Request forwarded", "Basic information shared", "Identity verified"]
    positions = [timeline.index(title) for title in titles + ["Request received"]]
    assert positions == sorted(positions)


def test_a_social_worker_sees_no_forward_button(client, office):
    person = office.open_case(worker=office.sw_t1)
    case = verified_and_matched(office, person)
    services.share_basic_information(actor=office.scimt, request=case)
    assert "Forward the request" in page_of(client, office.scimt, case)
    services.forward(actor=office.scimt, request=case)
    page = page_of(client, office.sw_t1, case)
    assert "Forward the request" not in page
    assert "Supply information" in page  # an open case: the worker supplies (2.1.1)


def test_the_scimt_sees_only_the_steps_of_intake(client, office):
    case = receive(office, office.closed_case())
    page = page_of(client, office.scimt, case)
    assert "Check the requestor&#x27;s identity" in page
    assert "Find this person in the records" in page
    for button in ("Forward the request", "Share basic information", "Record your decision"):
        assert button not in page


def test_a_csm_who_passed_the_part_on_no_longer_sees_the_request(client, office):
    # Issue 15, item 7: once passed on it is the other CSM's work, not theirs.
    case = forwarded(office, office.closed_case(office.t0))  # held by the DCPT CSM
    outsider = make_staff("csm_other", "csm", team=office.t1)
    services.pass_to_csm(actor=office.csm_d, request=case, to=outsider, reason="Mine.")
    assert "Record your decision" in page_of(client, outsider, case)
    services.pass_to_csm(actor=outsider, request=case, to=office.csm_d, reason="Not mine.")
    assert "Record your decision" in page_of(client, office.csm_d, case)
    client.force_login(outsider)
    assert client.get(f"/requests/{case.reference}/").status_code == 404


def test_another_teams_request_is_not_found(client, office):
    case = forwarded(office, office.closed_case(office.t0))  # with the Bassetlaw DCPT
    client.force_login(office.sw_t1)
    assert client.get(f"/requests/{case.reference}/").status_code == 404
    assert client.get(f"/requests/{case.reference}/subjects/1/decide/").status_code == 404
    assert client.get("/requests/AR-2026-999999/").status_code == 404


def test_viewing_a_request_is_logged_as_an_access(client, office):
    case = receive(office, office.closed_case())
    page_of(client, office.scimt, case)
    event = AuditEvent.objects.get(event_type="request_viewed")
    assert event.category == "access" and event.actor == office.scimt
    assert event.request_reference == case.reference


def test_the_page_reads_the_same_number_of_queries_however_long_its_history(client, office):
    few = forwarded(office, office.closed_case())
    # Five subjects: five times the case notes, messages, disclosures and routes.
    many = forwarded(office, *(office.closed_case() for _ in range(5)))
    client.force_login(office.scimt)
    client.get("/")  # the first page also reads what heads every page (web/context.py)
    counts = []
    for case in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/requests/{case.reference}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_each_sub_page_reads_only_what_it_shows(client, office, settings, tmp_path):
    # The summary is the page opened most: it does not read the timeline (the
    # audit chain), the documents or the messages that other sub-pages list.
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    case = supplied(office)
    upload(office.sw_t1, case, PDF, title="Copy of what was supplied")
    client.force_login(office.sw_t1)
    tables = {}
    for section in ("", "timeline/", "documents/", "messages/", "print/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/requests/{case.reference}/{section}").status_code == 200
        selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
        tables[section] = {
            t
            for t in ("audit_auditevent", "casework_document", "outbox_outgoing")
            if any(f'FROM "{t}"' in sql for sql in selects)
        }
        if section == "":
            # Documents are only counted for the steps (one may need them).
            assert not any(
                'FROM "casework_document"' in sql and "COUNT" not in sql for sql in selects
            )
    assert "audit_auditevent" not in tables[""]
    assert "audit_auditevent" in tables["timeline/"] and "audit_auditevent" in tables["print/"]
    assert "casework_document" in tables["documents/"]


def test_documents_kept_for_the_request_are_listed_with_a_download_link(
    client, office, settings, tmp_path
):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    case = supplied(office)
    document = upload(office.sw_t1, case, PDF, title="Copy of what was supplied")
    page = page_of(client, office.sw_t1, case, "documents/")
    assert "Copy of what was supplied" in page
    assert f'href="/documents/{document.pk}/"' in page


def test_the_steps_are_worked_out_once_even_when_none_is_allowed(client, office):
    # Information governance oversee every request and take no step on it: the
    # time limits' clock links reuse the page's answer rather than asking again.
    case = forwarded(office, office.closed_case())
    client.force_login(make_staff("ig1", "information_governance"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/requests/{case.reference}/").status_code == 200
    parts_read = [q for q in queries if 'FROM "casework_requestsubject"' in q["sql"]]
    assert len(parts_read) == 1
