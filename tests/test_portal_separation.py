"""The portal and the staff pages are separate (issue 16, item 2): no staff
address answers a portal session, and no portal address answers a staff one.
Each gets 404, as for a page that does not exist."""

import pytest
from casework_factories import make_staff
from portal_mail import sign_in

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/", "/requests/new/", "/requests/by-email/", "/persons/search/", "/admin/"]
PORTAL_PAGES = ["/portal/", "/portal/sign-in/", "/portal/sign-in/code/"]


def test_a_portal_session_gets_404_from_every_staff_page(client, smtp):
    sign_in(client, smtp, "dc.pike@notts.police.uk")
    for url in STAFF_PAGES + ["/sign-in/"]:
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code == 404, url
            assert "dc.pike" not in response.content.decode()
    assert client.get("/portal/").status_code == 200  # still signed in to the portal


def test_a_staff_session_gets_404_from_every_portal_page(client):
    client.force_login(make_staff("sam.officer", "scimt_officer"))
    for url in PORTAL_PAGES:
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code == 404, url
    assert client.get("/").status_code == 200  # still signed in as staff


def test_the_portal_uses_its_own_cookie_and_never_the_staff_session(client, smtp):
    sign_in(client, smtp, "dc.pike@notts.police.uk")
    assert "disclose_portal" in client.cookies
    assert "sessionid" not in client.cookies
