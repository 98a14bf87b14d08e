"""Two factors for everyone: a password, then an authenticator app's code, set up at the
first sign-in; a code works once; the admin site too."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from signin_codes import code_at, fresh_code, give_device, step_now
from test_web_personas import PASSWORD, make_staff

from disclose.audit.models import AuditEvent
from disclose.records.models import Staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick(settings):
    # Argon2 is slow on purpose; these tests are about the steps, not the hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def sam(db) -> Staff:
    return make_staff("sam.officer", "scimt_officer", password=PASSWORD, first_name="Sam")


def password_step(client, username="sam.officer", password=PASSWORD, **extra):
    return client.post("/sign-in/", {"username": username, "password": password, **extra})


def test_passwords_are_kept_with_argon2(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    staff = make_staff("ari.argon", "scimt_officer", password=PASSWORD)
    assert staff.password.startswith("argon2$argon2id$")


def test_a_right_password_alone_does_not_sign_anyone_in(client, sam):
    give_device(sam)
    response = password_step(client)
    assert response["Location"] == "/sign-in/two-factor/"
    assert "_auth_user_id" not in client.session
    assert client.get("/")["Location"] == "/sign-in/?next=/"


def test_the_first_sign_in_sets_up_an_authenticator_app_before_going_on(client, sam):
    assert password_step(client)["Location"] == "/sign-in/two-factor/"
    assert client.get("/sign-in/two-factor/")["Location"] == "/sign-in/two-factor/set-up/"
    page = client.get("/sign-in/two-factor/set-up/").content.decode()
    device = TOTPDevice.objects.get(user=sam, confirmed=False)
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert f"otpauth://totp/Disclose%3Asam.officer?secret={secret.replace(' ', '')}" in page
    assert "<svg" in page and "QR code to scan" in page
    # The same secret again on a reload, not a new one each time.
    assert secret in client.get("/sign-in/two-factor/set-up/").content.decode()

    wrong = client.post("/sign-in/two-factor/set-up/", {"code": "000000"}).content.decode()
    assert "The security code is not right" in wrong
    assert "_auth_user_id" not in client.session

    response = client.post(
        "/sign-in/two-factor/set-up/", {"code": code_at(device, step_now(device))}
    )
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(sam.pk)
    assert TOTPDevice.objects.get(user=sam).confirmed
    assert AuditEvent.objects.filter(event_type="two_factor_set_up", actor=sam).count() == 1


def test_a_code_is_accepted_once_only(client, sam):
    device = give_device(sam)
    code = code_at(device, step_now(device))
    password_step(client)
    assert client.post("/sign-in/two-factor/", {"code": code})["Location"] == "/"
    client.post("/sign-out/")

    password_step(client)
    again = client.post("/sign-in/two-factor/", {"code": code})
    assert again.status_code == 200
    assert "each code works once" in again.content.decode()
    assert "_auth_user_id" not in client.session
    assert (
        AuditEvent.objects.filter(event_type="sign_in_failed", detail__reason="code").count() == 1
    )


def test_a_code_in_the_wrong_format_says_what_to_enter(client, sam):
    give_device(sam)
    password_step(client)
    assert (
        "Enter the security code from your authenticator app"
        in client.post("/sign-in/two-factor/", {"code": ""}).content.decode()
    )
    assert "like 123456" in client.post("/sign-in/two-factor/", {"code": "12ab"}).content.decode()


def test_signing_in_gives_the_session_a_new_id_and_goes_where_the_person_was_going(client, sam):
    give_device(sam)
    client.get("/sign-in/")
    client.cookies["sessionid"] = "planted-by-an-attacker"
    password_step(client, next="/persons/search/")
    between = client.cookies["sessionid"].value
    response = client.post("/sign-in/two-factor/", {"code": fresh_code(sam)})
    assert response["Location"] == "/persons/search/"
    assert client.cookies["sessionid"].value not in {"planted-by-an-attacker", between}
    event = AuditEvent.objects.get(event_type="sign_in")
    assert event.actor == sam and event.detail["method"] == "password+totp"


def test_the_code_step_without_a_password_first_goes_back_to_sign_in(client, sam):
    give_device(sam)
    assert client.get("/sign-in/two-factor/")["Location"] == "/sign-in/"
    assert client.post("/sign-in/two-factor/", {"code": fresh_code(sam)})["Location"] == "/sign-in/"
    assert client.get("/sign-in/two-factor/set-up/")["Location"] == "/sign-in/"


def test_the_admin_site_needs_both_factors(client):
    ada = Staff.objects.create_superuser(username="ada.admin", password=PASSWORD, email="")
    give_device(ada)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # Django's own admin sign-in (password only) is never offered: it sends people here.
    login = client.get("/admin/login/?next=/admin/records/staff/")
    assert login["Location"] == "/sign-in/?next=%2Fadmin%2Frecords%2Fstaff%2F"
    posted = client.post("/admin/login/", {"username": "ada.admin", "password": PASSWORD})
    assert posted.status_code == 302 and "_auth_user_id" not in client.session

    password_step(client, "ada.admin", next="/admin/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    response = client.post("/sign-in/two-factor/", {"code": fresh_code(ada)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_switched_off_account_cannot_finish_signing_in(client, sam):
    give_device(sam)
    password_step(client)
    Staff.objects.filter(pk=sam.pk).update(is_active=False)
    assert client.post("/sign-in/two-factor/", {"code": fresh_code(sam)})["Location"] == "/sign-in/"
    assert "_auth_user_id" not in client.session


def test_a_password_step_left_for_five_minutes_must_be_done_again(client, sam):
    give_device(sam)
    password_step(client)
    session = client.session
    session["signin.pending"]["at"] -= 5 * 60 + 1
    session.save()
    assert client.post("/sign-in/two-factor/", {"code": fresh_code(sam)})["Location"] == "/sign-in/"
    assert "_auth_user_id" not in client.session


def test_an_administrator_can_remove_a_device_so_its_owner_sets_up_a_new_one(client, sam):
    ada = Staff.objects.create_superuser(username="ada.admin", password=None, email="")
    give_device(sam)
    client.force_login(ada)
    # From the staff list (django-otp's device pages, which show the key, are gone).
    client.post(
        "/admin/records/staff/", {"action": "reset_two_factor", "_selected_action": [sam.pk]}
    )
    assert not TOTPDevice.objects.filter(user=sam).exists()


def test_neither_sign_in_sends_anyone_to_another_site_afterwards(client, sam):
    login = client.get("/admin/login/?next=https://evil.example/")
    assert login["Location"] == "/sign-in/?next=%2Fadmin%2F"
    give_device(sam)
    password_step(client, next="https://evil.example/")
    assert client.post("/sign-in/two-factor/", {"code": fresh_code(sam)})["Location"] == "/"
