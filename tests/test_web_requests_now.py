"""The request page: 'What you can do now' at the top lists every step this
person may take now, exactly as actions_for says, for every role at every
stage; the sub-pages split the page, and the print view shows it all."""

import re

import pytest
from casework_factories import build_office, forwarded, receive
from step_situations import people_of, situations_of

from disclose.casework.actions import actions_for
from disclose.casework.models import Request
from disclose.casework.visibility import can_see
from disclose.web.views.requests_now import _CLOCK_SLUGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def _panel_steps(page: str) -> set[str]:
    panel = page[page.index('id="actions"') : page.index("moj-sub-navigation")]
    return set(re.findall(r'data-step="([a-z_]+)"', panel))


def _clock_page(name: str) -> str:
    return _CLOCK_SLUGS.get(name, name)


def test_every_panel_matches_actions_for_for_every_role_at_every_stage(
    client, office, settings, tmp_path
):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    situations = situations_of(office)
    for who, staff in people_of(office).items():
        client.force_login(staff)
        for stage, case in situations.items():
            case = Request.objects.get(pk=case.pk)  # as it stands now
            if not can_see(staff, case):
                continue
            page = client.get(f"/requests/{case.reference}/").content.decode()
            shown = _panel_steps(page)
            allowed = actions_for(staff, case).names()
            # One clock page serves the request's and the parts' clock steps.
            want = {n for n in allowed if n not in _CLOCK_SLUGS}
            assert {n for n in shown if n not in _CLOCK_SLUGS} == want, (who, stage)
            assert {_clock_page(n) for n in shown if n in _CLOCK_SLUGS} == {
                _clock_page(n) for n in allowed if n in _CLOCK_SLUGS
            }, (who, stage)
            if not allowed:
                assert "Nothing for you to do on this request now." in page


def test_the_csm_sees_their_decision_at_the_top(client, office):
    case = forwarded(office, office.closed_case(office.t0))
    client.force_login(office.csm_d)
    page = client.get(f"/requests/{case.reference}/").content.decode()
    assert "decide" in _panel_steps(page)
    assert page.index("Record your decision") < page.index("moj-sub-navigation")


def test_each_sub_page_shows_its_part_and_the_navigation_marks_it(client, office):
    case = forwarded(office, office.closed_case())
    client.force_login(office.scimt)
    summary = client.get(f"/requests/{case.reference}/").content.decode()
    assert 'aria-current="page" href="/requests/' in summary
    assert 'id="timeline"' not in summary and 'id="messages"' not in summary
    timeline = client.get(f"/requests/{case.reference}/timeline/").content.decode()
    assert 'id="timeline"' in timeline and "Request forwarded" in timeline
    messages = client.get(f"/requests/{case.reference}/messages/").content.decode()
    assert 'id="messages"' in messages and 'id="timeline"' not in messages
    assert client.get(f"/requests/{case.reference}/nothing-here/").status_code == 404


def test_the_print_view_has_every_section_with_messages_open(client, office):
    case = forwarded(office, office.closed_case())
    client.force_login(office.scimt)
    page = client.get(f"/requests/{case.reference}/print/").content.decode()
    for anchor in ("summary", "subjects", "messages", "documents", "case-notes", "timeline"):
        assert f'id="{anchor}"' in page, anchor
    assert '<details class="govuk-details" open>' in page
    assert "moj-sub-navigation" not in page


def test_sub_pages_are_no_more_visible_than_the_request(client, office):
    case = receive(office, office.closed_case())
    client.force_login(office.sw_t1)
    for section in ("timeline", "print", "messages"):
        assert client.get(f"/requests/{case.reference}/{section}/").status_code == 404
