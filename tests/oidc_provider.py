"""A small but real OpenID Connect provider for the single sign-on tests.

It runs in a thread on 127.0.0.1 and answers over HTTP: discovery, its JWKS (a freshly
made RSA key), /authorize (which sends the browser straight back with a code, as if the
person had signed in) and /token (which checks the code, the client secret and the PKCE
verifier, and returns a signed ID token). `sign` makes the ID token; a test replaces it
to send a bad one.
"""

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "disclose-test-client"
CLIENT_SECRET = "a-synthetic-client-secret"
SUBJECT = "b7f1c2e4-sso-subject-0001"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unsigned(header: dict, claims: dict) -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"


class Provider:
    def __init__(self) -> None:
        self.key = new_key()
        self.kid = "key-1"
        self.subject = SUBJECT
        self.delay = 0.0
        self.codes: dict[str, dict] = {}
        self.token_requests: list[dict] = []
        self.sign = self.sign_rs256
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        # A client that gave up waiting (the timeout test) is expected, not an error.
        self.server.handle_error = lambda request, address: None
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Provider":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def claims(self, nonce: str) -> dict:
        now = int(time.time())
        return {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": self.subject,
            "nonce": nonce,
            "iat": now,
            "exp": now + 300,
            "email": "someone@council.example",
            "name": "Synthetic Person",
        }

    def sign_rs256(self, claims: dict) -> str:
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def authorize(self, query: dict) -> str:
        """The person signs in here; back they go with a code."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = query
        back = {"code": code, "state": query["state"]}
        return f"{query['redirect_uri']}?{urlencode(back)}"

    def token(self, form: dict) -> tuple[int, dict]:
        self.token_requests.append(form)
        if self.delay:
            time.sleep(self.delay)
        asked = self.codes.pop(form.get("code", ""), None)
        challenge = b64(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
        if (
            asked is None
            or form.get("client_id") != CLIENT_ID
            or not hmac.compare_digest(form.get("client_secret", ""), CLIENT_SECRET)
            or form.get("redirect_uri") != asked["redirect_uri"]
            or asked.get("code_challenge_method") != "S256"
            or challenge != asked.get("code_challenge")
        ):
            return 400, {"error": "invalid_grant"}
        return 200, {"id_token": self.sign(self.claims(asked["nonce"])), "token_type": "Bearer"}

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: dict | None = None, location: str = "") -> None:
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                data = json.dumps(body or {}).encode()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    self._send(200, provider.discovery())
                elif url.path == "/jwks":
                    self._send(200, provider.jwks())
                elif url.path == "/authorize":
                    self._send(302, location=provider.authorize(query))
                else:
                    self._send(404)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path == "/token":
                    self._send(*provider.token(form))
                else:
                    self._send(404)

        return Handler
