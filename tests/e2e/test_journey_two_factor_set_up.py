"""A first sign-in: no authenticator app yet, so the person sets one up (QR code or key)
and confirms a code before going on."""

import base64
import re
import time

from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .browser import PASSWORD, assert_accessible, screenshot
from .remote import expect


def test_a_first_sign_in_sets_up_the_authenticator_app_then_lands_on_my_work(page, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code typed on purpose
    lawyer = staff["legal_services"]
    TOTPDevice.objects.filter(user=lawyer).delete()  # never set up
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(lawyer.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    page.get_by_text("Set-up link for apps on this computer").click()
    expect(page.locator("#otpauth-uri")).to_contain_text("otpauth://totp/Disclose")
    assert_accessible(page)
    screenshot(page, "two-factor-set-up")

    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The security code is not right")
    expect(page).to_have_title(re.compile(r"^Error: Set up"))
    assert_accessible(page)

    # What the phone does with the key shown: RFC 6238, 30-second steps.
    key = page.locator("#totp-secret").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    step = max(TOTPDevice.objects.get(user=lawyer).last_t + 1, int(time.time()) // 30)
    page.get_by_label("Security code").fill(f"{hotp(secret, step):06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert TOTPDevice.objects.get(user=lawyer).confirmed
