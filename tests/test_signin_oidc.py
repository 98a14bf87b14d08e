"""Single sign-on with OpenID Connect, against a real provider run in the test
(tests/oidc_provider.py): the whole flow, and each bad answer refused."""

import hashlib
import hmac
import time

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from oidc_provider import CLIENT_ID, CLIENT_SECRET, SUBJECT, Provider, b64, new_key, unsigned
from signin_codes import fresh_code, give_device
from test_web_personas import make_staff

from disclose.audit.models import AuditEvent
from disclose.web.signin import oidc

pytestmark = pytest.mark.django_db

NOT_WORKED = "Single sign-on did not work"


@pytest.fixture
def provider(settings):
    oidc._cache.clear()
    with Provider() as running:
        settings.DISCLOSE_OIDC_ISSUER = running.issuer
        settings.DISCLOSE_OIDC_CLIENT_ID = CLIENT_ID
        settings.DISCLOSE_OIDC_CLIENT_SECRET = CLIENT_SECRET
        settings.DISCLOSE_OIDC_TIMEOUT_SECONDS = 5
        settings.OTP_TOTP_THROTTLE_FACTOR = 0
        yield running
    oidc._cache.clear()


@pytest.fixture
def linked(provider):
    staff = make_staff("sam.officer", "scimt_officer", first_name="Sam")
    staff.oidc_issuer, staff.oidc_subject = provider.issuer, SUBJECT
    staff.save()
    give_device(staff)
    return staff


def sign_in_at_provider(client, next_url=""):
    """Start at Disclose, 'sign in' at the provider, and come back: the callback's answer."""
    start = client.get("/sign-in/sso/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = at_provider.headers["Location"]
    assert back.startswith("http://testserver/sign-in/sso/callback/?")
    return client.get(back.removeprefix("http://testserver"))


def refusal_reason() -> str:
    return AuditEvent.objects.filter(event_type="sign_in_failed").latest("id").detail["reason"]


def test_the_sign_in_page_offers_single_sign_on_once_it_is_set_up(client, provider, settings):
    assert "Sign in with your council Microsoft account" in client.get("/sign-in/").content.decode()
    settings.DISCLOSE_OIDC_ISSUER = ""
    assert "Microsoft account" not in client.get("/sign-in/").content.decode()
    assert client.get("/sign-in/sso/").status_code == 404


def test_a_linked_person_signs_in_with_the_provider_then_their_code(client, provider, linked):
    back = sign_in_at_provider(client, next_url="/persons/search/")
    assert back["Location"] == "/sign-in/two-factor/"
    assert "_auth_user_id" not in client.session
    done = client.post("/sign-in/two-factor/", {"code": fresh_code(linked)})
    assert done["Location"] == "/persons/search/"
    assert client.session["_auth_user_id"] == str(linked.pk)
    event = AuditEvent.objects.get(event_type="sign_in")
    assert event.actor == linked and event.detail["method"] == "sso+totp"
    # The code was exchanged with the secret and the PKCE verifier, never sent to the browser.
    (request,) = provider.token_requests
    assert request["client_secret"] == CLIENT_SECRET and len(request["code_verifier"]) >= 43


def test_without_the_extra_code_the_provider_alone_signs_in(client, provider, linked, settings):
    settings.DISCLOSE_OIDC_REQUIRE_TOTP = False
    assert sign_in_at_provider(client)["Location"] == "/"
    assert client.session["_auth_user_id"] == str(linked.pk)
    assert AuditEvent.objects.get(event_type="sign_in").detail["method"] == "sso"


def test_the_start_asks_for_a_code_with_state_nonce_and_pkce(client, provider):
    location = client.get("/sign-in/sso/")["Location"]
    assert location.startswith(f"{provider.issuer}/authorize?response_type=code&")
    for part in (
        "state=",
        "nonce=",
        "code_challenge=",
        "code_challenge_method=S256",
        "scope=openid",
    ):
        assert part in location
    assert client.get("/sign-in/sso/")["Location"] != location  # fresh each time


def test_someone_the_admin_has_not_linked_is_refused_even_with_the_same_email(client, provider):
    make_staff("sam.officer", "scimt_officer", email="someone@council.example")
    response = sign_in_at_provider(client)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Your council account is not linked to Disclose" in page
    assert "Ask the Disclose administrator" in page and SUBJECT in page
    assert "_auth_user_id" not in client.session
    assert refusal_reason() == "sso: unknown_subject"


def test_a_subject_from_another_issuer_is_not_matched(client, provider, linked):
    linked.oidc_issuer = "https://login.microsoftonline.com/another-tenant/v2.0"
    linked.save()
    assert sign_in_at_provider(client).status_code == 403


def hs256_with_the_public_key(provider, claims):
    """The old trick: sign with HMAC, using the provider's public key as the secret."""
    pem = provider.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    body = unsigned({"alg": "HS256", "typ": "JWT", "kid": provider.kid}, claims)
    return f"{body}.{b64(hmac.new(pem, body.encode(), hashlib.sha256).digest())}"


BAD_TOKENS = {
    "alg none": lambda p, c: unsigned({"alg": "none", "kid": p.kid}, c) + ".",
    "HS256 with the public key": hs256_with_the_public_key,
    "wrong issuer": lambda p, c: p.sign_rs256({**c, "iss": "https://evil.example"}),
    "wrong audience": lambda p, c: p.sign_rs256({**c, "aud": "some-other-app"}),
    "expired": lambda p, c: p.sign_rs256(
        {**c, "iat": c["iat"] - 900, "exp": int(time.time()) - 120}
    ),
    "bad nonce": lambda p, c: p.sign_rs256({**c, "nonce": "not-the-nonce"}),
    "another key": lambda p, c: jwt.encode(c, new_key(), algorithm="RS256", headers={"kid": p.kid}),
    "unknown key id": lambda p, c: jwt.encode(
        c, new_key(), algorithm="RS256", headers={"kid": "k9"}
    ),
    "no nonce": lambda p, c: p.sign_rs256({k: v for k, v in c.items() if k != "nonce"}),
}
REASONS = {
    "alg none": "id_token_algorithm",
    "HS256 with the public key": "id_token_algorithm",
    "wrong issuer": "id_token_issuer",
    "wrong audience": "id_token_audience",
    "expired": "id_token_expired",
    "bad nonce": "id_token_nonce",
    "another key": "id_token_invalid",
    "unknown key id": "unknown_signing_key",
    "no nonce": "id_token_invalid",
}


@pytest.mark.parametrize("bad", BAD_TOKENS)
def test_a_bad_id_token_is_refused(client, provider, linked, bad, settings):
    settings.DISCLOSE_OIDC_REQUIRE_TOTP = False  # so a wrongly accepted token would sign in
    provider.sign = lambda claims: BAD_TOKENS[bad](provider, claims)
    response = sign_in_at_provider(client)
    assert response.status_code == 400
    assert NOT_WORKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert refusal_reason() == f"sso: {REASONS[bad]}"


def test_a_callback_with_the_wrong_state_is_refused(client, provider, linked):
    start = client.get("/sign-in/sso/")
    back = requests.get(start["Location"], allow_redirects=False, timeout=5).headers["Location"]
    forged = back.removeprefix("http://testserver").replace("state=", "state=x")
    response = client.get(forged)
    assert response.status_code == 400 and "_auth_user_id" not in client.session
    assert refusal_reason() == "sso: state"


def test_a_callback_is_used_once(client, provider, linked):
    start = client.get("/sign-in/sso/")
    back = requests.get(start["Location"], allow_redirects=False, timeout=5).headers["Location"]
    path = back.removeprefix("http://testserver")
    assert client.get(path)["Location"] == "/sign-in/two-factor/"
    again = client.get(path)
    assert again.status_code == 400 and "started in another window" in again.content.decode()


def test_a_provider_that_does_not_answer_in_time_is_given_up_on(client, provider, linked, settings):
    settings.DISCLOSE_OIDC_TIMEOUT_SECONDS = 0.5
    # Far longer than the timeout, so that even on a busy machine giving up is
    # told apart from waiting for the answer.
    provider.delay = 20
    began = time.monotonic()
    response = sign_in_at_provider(client)
    assert time.monotonic() - began < 10
    assert response.status_code == 400
    assert "Single sign-on is not answering" in response.content.decode()
    assert refusal_reason() == "sso: provider_unreachable"


def test_a_provider_whose_discovery_names_another_issuer_is_not_used(client, provider, settings):
    settings.DISCLOSE_OIDC_ISSUER = provider.issuer + "/other"
    response = client.get("/sign-in/sso/")
    assert response.status_code == 502 and "_auth_user_id" not in client.session
