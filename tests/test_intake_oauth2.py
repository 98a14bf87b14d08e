"""Microsoft 365 sign-in to the SCIMT mailbox (issue 14, item 2): with
INTAKE_IMAP_AUTH = "oauth2" the worker asks the tenant's token endpoint for
an access token (client credentials) and signs in to IMAP with XOAUTH2.

Both ends are real here: a local token endpoint standing in for Microsoft's,
and Dovecot, which accepts only a bearer token that endpoint confirms is
live (OAuth2 token introspection). A wrong client secret gets no token, so
nothing is read."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from dovecot import USER, run_dovecot
from intake_mail import police_email

from disclose.intake.mailbox import poll
from disclose.intake.models import DraftRequest

TENANT, CLIENT_ID, SECRET, TOKEN = "council-tenant", "disclose-app", "client-secret-1", "tok-7f3a"


class Tenant(BaseHTTPRequestHandler):
    """/council-tenant/token issues TOKEN for the right client; /introspect
    tells Dovecot whether a token is live, and whose mailbox it opens."""

    asked: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's hook name
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        field = {k: v[0] for k, v in form.items()}
        self.asked.append({"path": self.path, **field})
        if self.path == f"/{TENANT}/token":
            good = (field.get("client_id"), field.get("client_secret")) == (CLIENT_ID, SECRET)
            ok = good and field.get("grant_type") == "client_credentials"
            answer = {"access_token": TOKEN, "token_type": "Bearer"} if ok else {"error": "no"}
            return self._send(200 if ok else 401, answer)
        if self.path == "/introspect":
            live = field.get("token") == TOKEN
            return self._send(200, {"active": live, "username": USER if live else ""})
        return self._send(404, {})

    def _send(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def tenant():
    Tenant.asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Tenant)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def mailbox(tenant, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    for found in run_dovecot(introspection_url=f"{tenant}/introspect"):
        settings.INTAKE_IMAP_HOST, settings.INTAKE_IMAP_PORT = "127.0.0.1", found.port
        settings.INTAKE_IMAP_USER, settings.INTAKE_IMAP_CA_FILE = USER, found.ca_file
        settings.INTAKE_IMAP_AUTH, settings.INTAKE_IMAP_PASSWORD = "oauth2", ""
        settings.INTAKE_OAUTH_TENANT, settings.INTAKE_OAUTH_CLIENT_ID = TENANT, CLIENT_ID
        settings.INTAKE_OAUTH_CLIENT_SECRET = SECRET
        settings.INTAKE_OAUTH_TOKEN_URL = tenant + "/{tenant}/token"
        yield found


@pytest.mark.django_db
def test_the_worker_signs_in_to_the_mailbox_with_an_oauth2_token(mailbox):
    mailbox.deliver(police_email())
    assert poll() == {"draft": 1, "duplicate": 0, "quarantined": 0}
    assert DraftRequest.objects.get().requestor_agency == "police"
    token_asked, introspected = Tenant.asked[0], Tenant.asked[1]
    assert token_asked["scope"] == "https://outlook.office365.com/.default"
    assert introspected == {"path": "/introspect", "token": TOKEN}


@pytest.mark.django_db
def test_a_wrong_client_secret_gets_no_token_and_reads_nothing(mailbox, settings):
    import requests

    mailbox.deliver(police_email())
    settings.INTAKE_OAUTH_CLIENT_SECRET = "wrong"
    with pytest.raises(requests.HTTPError):
        poll()
    assert DraftRequest.objects.count() == 0 and mailbox.unseen() == 1
