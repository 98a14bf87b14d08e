"""Administrators can reset a person's two-factor, but never see their key."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from test_web_personas import make_staff, superuser_fixture  # noqa: F401

from disclose.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_no_admin_page_shows_a_persons_authenticator_key(client, superuser):
    worker = make_staff("sasha.worker", "social_worker")
    device = TOTPDevice.objects.create(user=worker, name="Authenticator app", confirmed=True)
    client.force_login(superuser)
    for path in (
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{device.pk}/config/",
        f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert device.key not in response.content.decode()


def test_resetting_two_factor_removes_the_device_and_is_audited(client, superuser):
    worker = make_staff("sasha.worker", "social_worker")
    TOTPDevice.objects.create(user=worker, name="Authenticator app", confirmed=True)
    client.force_login(superuser)
    response = client.post(
        "/admin/records/staff/",
        {"action": "reset_two_factor", "_selected_action": [worker.pk]},
    )
    assert response.status_code == 200  # the page with the one-time set-up code
    assert "set-up code" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=worker).exists()
    event = AuditEvent.objects.get(event_type="admin_change", detail__action="two_factor_reset")
    assert event.actor == superuser and event.detail["object_id"] == str(worker.pk)
