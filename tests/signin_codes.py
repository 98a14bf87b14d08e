"""Authenticator app codes for the tests: what a person's phone would show.

Each code is accepted once, so a test that signs the same person in twice within one
30-second step is given the next step's code (accepted within the tolerance of one step).
"""

import time

from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from disclose.records.models import Staff

# A fixed key, so a journey can also type it into a phone by hand if it must.
KEY_HEX = "3132333435363738393031323334353637383930"


def give_device(staff: Staff) -> TOTPDevice:
    return TOTPDevice.objects.create(user=staff, name="Authenticator app", key=KEY_HEX)


def step_now(device: TOTPDevice) -> int:
    return (int(time.time()) - device.t0) // device.step + device.drift


def code_at(device: TOTPDevice, step: int) -> str:
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def fresh_code(staff: Staff) -> str:
    """A code the person's device would accept now: never one already used."""
    device = TOTPDevice.objects.get(user=staff)
    step = max(step_now(device), device.last_t + 1)
    while step > step_now(device) + 1:  # both this step's and the next one's were used
        time.sleep(1)
    return code_at(device, step)
