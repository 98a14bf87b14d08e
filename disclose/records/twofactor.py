"""Authenticator app codes (TOTP, RFC 6238) for staff accounts, through django-otp.

Kept beside Staff (not in web/) because the demo loader sets up devices too, and
lower layers must not import the web layer (DESIGN.md).

After an administrator resets someone's two-factor, setting up a new app needs the
one-time set-up code the administrator was shown (EnrolmentCode), not the password
alone (issue 15, item 8).

A code is accepted once only: the device keeps the time step of the last code it took
(last_t) and refuses that step and any earlier one. The device row is locked while a
code is checked, so two requests with the same code cannot both pass.
"""

import base64
import re
import secrets
from datetime import timedelta

import segno
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from disclose.records.models import EnrolmentCode, Staff

DEVICE_NAME = "Authenticator app"
CODE = re.compile(r"^\d{6}$")
ENROLMENT_CODE_DAYS = 7
# No 0/O, 1/I/L: the code is read out over the phone or in person.
_ENROLMENT_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_ENROLMENT_LENGTH = 10


def confirmed_device(user: Staff) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def device_to_set_up(user: Staff) -> TOTPDevice:
    """The device waiting to be confirmed, kept so the secret shown stays the same
    when the page is shown again."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def set_up_for_demo(user: Staff) -> TOTPDevice:
    """A confirmed device with a new key, for a demo login whose key is printed."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)


def code_now(base32_secret: str) -> str:
    """The code an app holding this key shows now (for the demo, without a phone)."""
    key = base64.b32decode(base32_secret + "=" * (-len(base32_secret) % 8))
    return f"{totp(key):06d}"


def secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in: base32, no padding."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def grouped(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_uri(device: TOTPDevice) -> str:
    return device.config_url


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth URI as an SVG QR code, for the page itself (no script, no style)."""
    title = "QR code to scan with your authenticator app"
    return segno.make(otpauth_uri(device), error="m").svg_inline(scale=5, title=title)


def clean_code(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def check_code(device: TOTPDevice, code: str) -> bool:
    """True when the code is this device's, and not one used before."""
    code = clean_code(code)
    if not CODE.match(code):
        return False
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return bool(locked.verify_token(code))


def reset(staff: Staff, *, by: Staff) -> str:
    """Remove this person's authenticator apps and issue the one-time set-up code
    they must give to set up a new one. Returns the code, to show once."""
    code = "".join(secrets.choice(_ENROLMENT_LETTERS) for _ in range(_ENROLMENT_LENGTH))
    now = timezone.now()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=staff).delete()
        EnrolmentCode.objects.update_or_create(
            staff=staff,
            defaults={
                "code_hash": make_password(code),
                "issued_by": by,
                "issued_at": now,
                "expires_at": now + timedelta(days=ENROLMENT_CODE_DAYS),
            },
        )
    return f"{code[:5]}-{code[5:]}"


def needs_enrolment_code(staff: Staff) -> bool:
    return EnrolmentCode.objects.filter(staff=staff).exists()


def enrolment_code_problem(staff: Staff, typed: str) -> str | None:
    """Why the set-up code typed is not accepted, saying what to do; None if it is."""
    issued = EnrolmentCode.objects.filter(staff=staff).first()
    if issued is None:
        return None
    if issued.expires_at <= timezone.now():
        return "Your set-up code has expired. Ask an administrator for a new one"
    code = re.sub(r"[\s-]", "", typed or "").upper()
    if not check_password(code, issued.code_hash):
        return (
            "The set-up code is not right. Enter the code your administrator gave you, "
            "like ABCDE-23456"
        )
    return None


def enrolment_code_used(staff: Staff) -> None:
    """The new app is set up: the code cannot be used again."""
    EnrolmentCode.objects.filter(staff=staff).delete()
