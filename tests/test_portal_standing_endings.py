"""Where a request stands on the portal once it ends without information, is
withdrawn, or waits for the professional to narrow it (issue 12, items 2 and
3): in plain words, no state names, as procedure/states.py words them."""

import pytest
from casework_factories import build_office
from django.test import Client
from portal_asking import ask, confirm_as_scimt
from portal_mail import portal_session_key

from disclose.casework import services
from disclose.casework.models import Request
from disclose.portal.sessions import PORTAL_COOKIE
from disclose.procedure import states

pytestmark = pytest.mark.django_db

PIKE = "dc.morag.pike@notts.police.uk"


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def pike():
    client = Client()
    client.cookies[PORTAL_COOKIE] = portal_session_key(PIKE)
    return client


def _page(client: Client, reference: str) -> str:
    page = client.get(f"/portal/requests/{reference}/")
    assert page.status_code == 200
    text = page.content.decode()
    for internal in ("awaiting_narrowing", 'withdrawn"', "identity_not_verified", "ended_"):
        assert internal not in text
    return text


def _logged(office, client: Client, **answers) -> Request:
    return Request.objects.get(reference=confirm_as_scimt(office.scimt, ask(client, **answers)))


def test_a_broad_request_reads_as_waiting_for_the_professional_to_narrow_it(office, pike):
    request = _logged(office, pike, extent="extensive")
    assert request.state == "awaiting_narrowing"
    assert states.REQUEST_STATE_WORDS["awaiting_narrowing"].requestor in _page(
        pike, request.reference
    )


def test_a_broad_request_closed_unnarrowed_says_so(office, pike):
    request = _logged(office, pike, extent="extensive")
    services.close(actor=office.scimt, request=request)
    assert "You did not narrow your request" in _page(pike, request.reference)


def test_a_withdrawn_request_reads_as_withdrawn_before_and_after_it_closes(office, pike):
    request = _logged(office, pike)
    services.withdraw(actor=office.scimt, request=request, reason="No longer needed.")
    assert states.REQUEST_STATE_WORDS["withdrawn"].requestor in _page(pike, request.reference)
    services.close(actor=office.scimt, request=request)
    assert states.REQUEST_STATE_WORDS["withdrawn"].requestor in _page(pike, request.reference)


def test_a_part_ended_by_a_failed_second_identity_check_reads_as_ended(office, pike):
    request = _logged(office, pike, consent="yes")
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    services.match_subject(
        actor=office.scimt, request=request, subject=1, person=office.closed_case()
    )
    services.forward(actor=office.scimt, request=request)
    services.decide(actor=office.csm_t1, request=request, decision="approve", reason="Fine.")
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="failed"
    )
    text = _page(pike, request.reference)
    assert "Ended: we could not confirm who you are, so nothing was shared." in text
