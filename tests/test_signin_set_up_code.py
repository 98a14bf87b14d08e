"""After an administrator resets someone's two-factor, setting up a new app needs the
one-time set-up code the administrator was shown: the password alone once enrolled a
new authenticator, so anyone with the password could take the account over (issue
15, item 8)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from signin_codes import code_at, give_device, step_now
from test_web_personas import PASSWORD, make_staff

from disclose.audit.models import AuditEvent
from disclose.records.models import EnrolmentCode, Staff

pytestmark = pytest.mark.django_db
SET_UP = "/sign-in/two-factor/set-up/"


@pytest.fixture(autouse=True)
def quick(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def sam(db) -> Staff:
    sam = make_staff("sam.officer", "scimt_officer", password=PASSWORD, first_name="Sam")
    give_device(sam)
    return sam


def reset(client, sam) -> str:
    """An administrator resets Sam's two-factor; the page shows the code once."""
    ada = Staff.objects.create_superuser(username="ada.admin", password=None, email="")
    client.force_login(ada)
    page = client.post(
        "/admin/records/staff/", {"action": "reset_two_factor", "_selected_action": [sam.pk]}
    ).content.decode()
    client.logout()
    return re.search(r'class="set-up-code">([A-Z0-9-]+)<', page).group(1)


def password_step(client):
    response = client.post("/sign-in/", {"username": "sam.officer", "password": PASSWORD})
    assert response["Location"] == "/sign-in/two-factor/"
    assert client.get("/sign-in/two-factor/")["Location"] == SET_UP


def test_the_reset_shows_a_one_time_code_once_and_keeps_only_its_hash(client, sam):
    code = reset(client, sam)
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    assert not TOTPDevice.objects.filter(user=sam).exists()
    kept = EnrolmentCode.objects.get(staff=sam)
    assert code.replace("-", "") not in kept.code_hash and kept.issued_by.username == "ada.admin"
    event = AuditEvent.objects.get(event_type="admin_change", detail__action="two_factor_reset")
    assert code not in str(event.detail) and code.replace("-", "") not in str(event.detail)


def test_after_a_reset_the_password_alone_does_not_show_a_new_key(client, sam):
    reset(client, sam)
    password_step(client)
    page = client.get(SET_UP).content.decode()
    assert "Enter your set-up code" in page
    assert "otpauth://" not in page and "totp-secret" not in page
    assert not TOTPDevice.objects.filter(user=sam).exists()
    # Posting a security code straight away does not enrol anything either.
    client.post(SET_UP, {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=sam).exists()


def test_a_wrong_set_up_code_is_refused_and_counts_towards_the_lockout(client, sam):
    reset(client, sam)
    password_step(client)
    page = client.post(SET_UP, {"set_up_code": "AAAAA-BBBBB"}).content.decode()
    assert "The set-up code is not right" in page and "otpauth://" not in page
    failed = AuditEvent.objects.get(event_type="sign_in_failed")
    assert failed.detail["reason"] == "set_up_code" and failed.actor == sam
    for _ in range(4):
        page = client.post(SET_UP, {"set_up_code": "AAAAA-BBBBB"}).content.decode()
    assert "You have tried to sign in too many times" in page


def test_with_the_code_the_person_sets_up_a_new_app_and_the_code_is_then_spent(client, sam):
    code = reset(client, sam)
    password_step(client)
    response = client.post(SET_UP, {"set_up_code": code.lower().replace("-", " ")})
    assert response["Location"] == SET_UP
    page = client.get(SET_UP).content.decode()
    assert "otpauth://" in page
    device = TOTPDevice.objects.get(user=sam, confirmed=False)
    response = client.post(SET_UP, {"code": code_at(device, step_now(device))})
    assert response["Location"] == "/" and "_auth_user_id" in client.session
    assert not EnrolmentCode.objects.filter(staff=sam).exists()
    event = AuditEvent.objects.get(event_type="two_factor_set_up")
    assert event.detail["set_up_code"] is True


def test_an_expired_set_up_code_says_to_ask_for_a_new_one(client, sam):
    code = reset(client, sam)
    EnrolmentCode.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    password_step(client)
    page = client.post(SET_UP, {"set_up_code": code}).content.decode()
    assert "Your set-up code has expired. Ask an administrator for a new one" in page
