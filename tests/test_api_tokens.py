"""Machine clients' tokens (issue 16): issued by an administrator, shown once,
kept hashed, scoped, expiring, revocable and limited in rate."""

import io
from datetime import timedelta

import pytest
from api_client import TokenClient, token_for
from casework_factories import build_office, make_person, receive
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from disclose.api.models import ApiToken
from disclose.audit.models import AuditEvent
from disclose.records.models import Staff

pytestmark = pytest.mark.django_db

NEW_REQUEST = {
    "channel": "email",
    "kind": "information",
    "requestor_name": "DS Ada Lovelace",
    "requestor_agency": "police",
    "requestor_email": "ada.lovelace@police.example",
    "consent": True,
    "details": "Any child protection involvement, for a strategy meeting.",
    "subjects": [{"forename": "Jamie", "surname": "Hollis", "dob": "2015-04-02"}],
}


def _issue(*arguments: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", *arguments, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_command_prints_the_token_once_and_keeps_only_its_hash():
    secret, said = _issue(
        "issue", "--name", "Police portal", "--scope", "log_requests", "--expires", "2099-01-31"
    )
    assert secret.startswith("dsc_") and "not shown again" in said
    token = ApiToken.objects.get()
    assert token.scopes == ["log_requests"] and secret not in token.secret_hash
    assert TokenClient(secret).post("/requests", NEW_REQUEST).status_code == 201
    listed, _ = _issue("list")
    assert token.prefix in listed and "active" in listed and secret not in listed
    # Its client account has no email, and `disclose check` does not ask for one.
    assert not [m for m in run_checks(tags=["disclose"]) if token.client.username in m.msg]


def test_a_revoked_an_expired_or_a_wrong_token_is_refused_as_not_signed_in():
    secret = token_for("log_requests")
    assert TokenClient(secret).post("/requests", NEW_REQUEST).status_code == 201
    _issue("revoke", ApiToken.objects.get().prefix)
    refused = TokenClient(secret).post("/requests", NEW_REQUEST)
    assert refused.status_code == 401 and refused.json()["code"] == "not_signed_in"

    later = token_for("log_requests", name="Health portal")
    ApiToken.objects.filter(name="Health portal").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert TokenClient(later).post("/requests", NEW_REQUEST).status_code == 401
    assert TokenClient(later[:-2] + "xx").get("/requests/AR-2026-000001").status_code == 401
    issued = AuditEvent.objects.filter(event_type__in=["api_token_issued", "api_token_revoked"])
    assert issued.count() == 3


def test_a_token_does_only_what_its_scopes_allow():
    reader = TokenClient(token_for("read_disclosure_log"))
    refused = reader.post("/requests", NEW_REQUEST)
    assert refused.status_code == 403 and refused.json()["code"] == "scope_missing"
    assert "log_requests" in refused.json()["message"]


def test_a_token_reads_the_requests_it_logged_and_no_other():
    office = build_office()
    theirs = receive(office, make_person())
    portal = TokenClient(token_for("log_requests", "read_requests"))
    mine = portal.post("/requests", NEW_REQUEST).json()["reference"]
    assert portal.get(f"/requests/{mine}").status_code == 200
    listed = portal.get("/requests").json()
    assert [r["reference"] for r in listed["items"]] == [mine] and listed["count"] == 1
    hidden = portal.get(f"/requests/{theirs.reference}")
    assert hidden.status_code == 404 and theirs.requestor_name not in hidden.content.decode()
    viewed = AuditEvent.objects.get(event_type="request_viewed", request_reference=mine)
    assert viewed.actor.first_name == "Police portal" and viewed.detail["via"] == "api"


def test_a_token_takes_no_step_and_downloads_no_file():
    portal = TokenClient(token_for("log_requests", "read_requests"))
    mine = portal.post("/requests", NEW_REQUEST).json()["reference"]
    step = portal.post(f"/requests/{mine}/steps/triage", {})
    assert step.status_code == 403 and step.json()["code"] == "staff_only"
    assert portal.get("/documents/1/file").json()["code"] == "staff_only"


def test_past_its_rate_a_token_is_told_when_to_come_back():
    portal = TokenClient(token_for("log_requests", "read_requests", per_minute=2))
    reference = portal.post("/requests", NEW_REQUEST).json()["reference"]
    assert portal.get(f"/requests/{reference}").status_code == 200
    refused = portal.get(f"/requests/{reference}")
    assert refused.status_code == 429 and refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert f"Try again in {refused['Retry-After']} seconds" in refused.json()["message"]
    other = TokenClient(token_for("log_requests", name="Health portal", per_minute=2))
    assert other.post("/requests", NEW_REQUEST).status_code == 201  # each token its own count


def test_an_administrator_issues_a_token_in_the_admin_and_sees_it_once():
    admin = Staff.objects.create_superuser("admin.one", "admin@council.example")
    TOTPDevice.objects.create(user=admin, name="Authenticator app")
    client = Client()
    client.force_login(admin)
    page = client.post(
        "/admin/api/apitoken/add/",
        {
            "name": "Police portal",
            "scopes": ["log_requests", "read_requests"],
            "expires_at_0": "2099-01-31",
            "expires_at_1": "12:00:00",
            "per_minute": "60",
        },
    )
    assert page.status_code == 200, page.content.decode()[:2000]
    token = ApiToken.objects.get()
    text = page.content.decode()
    secret = text.split('value="dsc_', 1)[1].split('"', 1)[0]
    secret = f"dsc_{secret}"
    assert secret.startswith(f"dsc_{token.prefix}_") and "only time it is shown" in text
    assert TokenClient(secret).post("/requests", NEW_REQUEST).status_code == 201
    shown_again = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert secret not in shown_again and token.prefix in shown_again
    issued = AuditEvent.objects.get(event_type="api_token_issued")
    assert issued.actor == admin
