"""Signing in to the agency portal (issue 16, item 2): a link and a code sent to
a work email at a trusted domain, through the outbox to a real SMTP server.
The link alone is not enough; both expire, work once and are stored hashed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from portal_mail import latest_link_and_code, path_of, sign_in

from disclose.audit.models import AuditEvent
from disclose.outbox.models import Outgoing
from disclose.portal.models import PortalSession, Professional, SignIn

pytestmark = pytest.mark.django_db

ADDRESS = "dc.morag.pike@notts.police.uk"


def test_a_professional_at_a_trusted_domain_signs_in_with_the_link_and_the_code(client, smtp):
    response = client.post("/portal/sign-in/", {"email": "  DC.Morag.Pike@Notts.Police.UK "})
    assert response["Location"] == "/portal/sign-in/check-your-email/"
    assert smtp.envelopes == []  # queued in the outbox; the worker sends
    link, code = latest_link_and_code(smtp, ADDRESS)
    assert len(smtp.envelopes) == 2  # the link and the code come separately
    assert client.get(path_of(link))["Location"] == "/portal/sign-in/code/"
    response = client.post("/portal/sign-in/code/", {"code": code})
    assert response["Location"] == "/portal/"
    page = client.get("/portal/")
    assert page.status_code == 200
    assert "Your requests" in page.content.decode() and ADDRESS in page.content.decode()
    assert Professional.objects.get().email == ADDRESS
    assert AuditEvent.objects.filter(event_type="portal_signed_in").count() == 1


def test_an_address_at_a_domain_the_council_does_not_trust_gets_no_link(client, smtp):
    response = client.post("/portal/sign-in/", {"email": "someone@gmail.com"})
    assert response.status_code == 200
    assert "You cannot sign in with this email address" in response.content.decode()
    assert not SignIn.objects.exists() and not Outgoing.objects.exists()


def test_a_lookalike_domain_is_not_trusted(client, smtp):
    response = client.post("/portal/sign-in/", {"email": "x@evilpolice.uk"})
    assert "You cannot sign in" in response.content.decode()


def test_the_link_alone_does_not_sign_in(client, smtp):
    client.post("/portal/sign-in/", {"email": ADDRESS})
    link, _ = latest_link_and_code(smtp, ADDRESS)
    client.get(path_of(link))
    assert client.get("/portal/")["Location"] == "/portal/sign-in/"
    assert not PortalSession.objects.exists()


def test_the_link_opened_in_another_browser_is_not_found_and_still_works_in_the_right_one(
    client, smtp
):
    client.post("/portal/sign-in/", {"email": ADDRESS})
    link, code = latest_link_and_code(smtp, ADDRESS)
    elsewhere = Client().get(path_of(link))
    assert elsewhere.status_code == 404
    assert ADDRESS not in elsewhere.content.decode()
    assert client.get(path_of(link)).status_code == 302
    assert client.post("/portal/sign-in/code/", {"code": code})["Location"] == "/portal/"


def test_an_expired_link_is_not_found(client, smtp):
    client.post("/portal/sign-in/", {"email": ADDRESS})
    link, _ = latest_link_and_code(smtp, ADDRESS)
    SignIn.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(path_of(link))
    assert response.status_code == 404
    assert "This sign-in link does not work" in response.content.decode()
    assert ADDRESS not in response.content.decode()


def test_a_link_and_a_code_work_once(client, smtp):
    sign_in(client, smtp, ADDRESS)
    link, code = latest_link_and_code(smtp, ADDRESS)
    other = Client()
    assert other.get(path_of(link)).status_code == 404
    assert client.get(path_of(link)).status_code == 404
    assert client.post("/portal/sign-in/code/", {"code": code}).status_code == 404


def test_a_newer_link_replaces_the_older_one(client, smtp):
    client.post("/portal/sign-in/", {"email": ADDRESS})
    first, _ = latest_link_and_code(smtp, ADDRESS)
    client.post("/portal/sign-in/", {"email": ADDRESS})
    second, _ = latest_link_and_code(smtp, ADDRESS)
    assert client.get(path_of(first)).status_code == 404
    assert client.get(path_of(second)).status_code == 302


def test_five_wrong_codes_end_the_sign_in(client, smtp, settings):
    client.post("/portal/sign-in/", {"email": ADDRESS})
    link, code = latest_link_and_code(smtp, ADDRESS)
    client.get(path_of(link))
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        page = client.post("/portal/sign-in/code/", {"code": wrong}).content.decode()
        assert "The code is not right" in page and f"({left} tr" in page
    assert (
        "Too many wrong codes"
        in client.post("/portal/sign-in/code/", {"code": wrong}).content.decode()
    )
    assert client.post("/portal/sign-in/code/", {"code": code}).status_code == 404
    assert not PortalSession.objects.exists()
    assert AuditEvent.objects.filter(event_type="portal_sign_in_code_wrong").count() == 5


def test_an_address_may_ask_for_five_links_an_hour(client, smtp):
    for _ in range(5):
        assert client.post("/portal/sign-in/", {"email": ADDRESS}).status_code == 302
    page = client.post("/portal/sign-in/", {"email": ADDRESS})
    assert "too many sign-in links" in page.content.decode()
    assert SignIn.objects.count() == 5


def test_links_codes_and_sessions_are_stored_only_as_keyed_hashes(client, smtp):
    sign_in(client, smtp, ADDRESS)
    link, code = latest_link_and_code(smtp, ADDRESS)
    token = link.rstrip("/").rpartition("/")[2]
    row = SignIn.objects.values().get()
    assert token not in str(row) and code not in (row["code_hash"], row["link_hash"])
    session_key = client.cookies["disclose_portal"].value
    assert session_key not in str(PortalSession.objects.values().get())


def test_signing_out_ends_the_session_even_for_a_copied_cookie(client, smtp):
    sign_in(client, smtp, ADDRESS)
    copy = Client()
    copy.cookies["disclose_portal"] = client.cookies["disclose_portal"].value
    assert copy.get("/portal/").status_code == 200
    assert client.post("/portal/sign-out/")["Location"] == "/portal/signed-out/"
    assert copy.get("/portal/")["Location"] == "/portal/sign-in/"


def test_a_portal_session_ends_after_the_idle_time(client, smtp, settings):
    sign_in(client, smtp, ADDRESS)
    PortalSession.objects.update(seen_at=timezone.now() - timedelta(minutes=31))
    assert client.get("/portal/")["Location"] == "/portal/sign-in/"
