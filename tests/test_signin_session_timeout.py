"""Sessions end on the server after 30 minutes idle and 10 hours in all; sign-out is a POST."""

import time

import pytest
from signin_codes import fresh_code, give_device
from test_web_personas import PASSWORD, make_staff, officer_fixture  # noqa: F401

from disclose.web.signin.flow import SEEN, STARTED

pytestmark = pytest.mark.django_db


def age(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = now - ago
    session.save()


def test_a_session_idle_for_thirty_minutes_is_signed_out(client, officer):
    client.force_login(officer)
    age(client, seen=29 * 60)
    assert client.get("/").status_code == 200
    age(client, seen=30 * 60)
    response = client.get("/persons/search/")
    assert response["Location"] == "/sign-in/?next=/persons/search/"
    assert "_auth_user_id" not in client.session
    page = client.get("/sign-in/").content.decode()
    assert "You were signed out because you had not used Disclose for 30 minutes" in page


def test_each_request_keeps_an_active_session_going(client, officer):
    client.force_login(officer)
    age(client, seen=20 * 60)
    client.get("/")
    age(client, started=20 * 60)  # seen was just renewed by the request
    assert time.time() - client.session[SEEN] < 5
    assert client.get("/").status_code == 200


def test_a_session_ends_ten_hours_after_signing_in_however_busy(client, officer):
    client.force_login(officer)
    age(client, started=10 * 3600, seen=10)
    assert client.get("/")["Location"] == "/sign-in/?next=/"
    page = client.get("/sign-in/").content.decode()
    assert "because you had been signed in for 10 hours" in page


def test_the_limits_come_from_the_settings(client, officer, settings):
    settings.DISCLOSE_IDLE_MINUTES, settings.DISCLOSE_SESSION_HOURS = 5, 1
    client.force_login(officer)
    age(client, seen=5 * 60)
    assert client.get("/").status_code == 302
    client.force_login(officer)
    age(client, started=3600)
    assert client.get("/").status_code == 302


def test_a_post_after_the_session_ended_changes_nothing_and_asks_to_sign_in(client, officer):
    client.force_login(officer)
    age(client, seen=31 * 60)
    response = client.post("/requests/new/", {})
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_a_session_without_sign_in_times_is_ended(client, officer):
    client.force_login(officer)
    session = client.session
    del session[STARTED]
    session.save()
    assert client.get("/")["Location"] == "/sign-in/?next=/"


def test_signing_out_is_a_post_only(client, officer):
    client.force_login(officer)
    assert client.get("/sign-out/").status_code == 405
    assert client.get("/").status_code == 200
    assert client.post("/sign-out/")["Location"] == "/sign-in/"
    assert client.get("/").status_code == 302


def test_the_session_cookie_is_http_only_same_site_and_ends_with_the_browser(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    sam = make_staff("sam.officer", "scimt_officer", password=PASSWORD)
    give_device(sam)
    client.post("/sign-in/", {"username": "sam.officer", "password": PASSWORD})
    response = client.post("/sign-in/two-factor/", {"code": fresh_code(sam)})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["expires"] and not cookie["max-age"]  # gone when the browser closes
    assert settings.SESSION_COOKIE_AGE == 10 * 3600
