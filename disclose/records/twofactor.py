"""Authenticator app codes (TOTP, RFC 6238) for staff accounts, through django-otp.

Kept beside Staff (not in web/) because the demo loader sets up devices too, and
lower layers must not import the web layer (DESIGN.md).

A code is accepted once only: the device keeps the time step of the last code it took
(last_t) and refuses that step and any earlier one. The device row is locked while a
code is checked, so two requests with the same code cannot both pass.
"""

import base64
import re

import segno
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from disclose.records.models import Staff

DEVICE_NAME = "Authenticator app"
CODE = re.compile(r"^\d{6}$")


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
