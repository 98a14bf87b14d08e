"""Signing in and out, and every other page behind the sign-in."""

import pytest
from signin_codes import fresh_code, give_device
from test_web_personas import PASSWORD, lawyer_fixture, make_staff, officer_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_member_of_staff_signs_in_and_lands_on_my_work(client):
    sam = make_staff("sam.officer", "scimt_officer", password=PASSWORD, first_name="Sam")
    give_device(sam)
    response = client.post(
        "/sign-in/", {"username": "sam.officer", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/sign-in/two-factor/"
    response = client.post("/sign-in/two-factor/", {"code": fresh_code(sam)}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert "My work" in page and "Signed in as Sam" in page


def test_a_wrong_password_says_to_enter_a_correct_username_and_password(client):
    make_staff("sam.officer", "scimt_officer", password=PASSWORD)
    response = client.post("/sign-in/", {"username": "sam.officer", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter a correct username and password" in page
    assert "wrong" not in page  # the password typed is never shown back
    assert "_auth_user_id" not in client.session


def test_an_empty_form_says_what_to_enter(client):
    page = client.post("/sign-in/", {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in page and "Enter your password" in page


@pytest.mark.parametrize("url", ["/", "/persons/search/", "/persons/1/"])
def test_anyone_not_signed_in_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={url}"


def test_signing_out_needs_a_post_and_ends_the_session(client, officer):
    client.force_login(officer)
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response.status_code == 302 and response["Location"] == "/sign-in/"
    assert client.get("/").status_code == 302


def test_pages_show_the_council_name_and_a_skip_link(client, officer):
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "Nottinghamshire County Council" in page
    assert 'href="#main-content"' in page and 'id="main-content"' in page
    assert 'action="/sign-out/"' in page


def test_only_staff_who_use_the_records_are_offered_the_search(client, officer, lawyer):
    client.force_login(officer)
    assert 'href="/persons/search/"' in client.get("/").content.decode()
    client.force_login(lawyer)
    assert 'href="/persons/search/"' not in client.get("/").content.decode()
