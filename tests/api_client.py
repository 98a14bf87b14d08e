"""Calling /api/v1/ in tests as a machine client with a token, or as a member
of staff signed in, sending the CSRF token as a browser's script would."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from disclose.api.tokens import issue_token


def token_for(*scopes: str, name: str = "Police portal", per_minute: int = 1000) -> str:
    _, secret = issue_token(
        name=name,
        scopes=list(scopes),
        expires_at=timezone.now() + timedelta(days=30),
        per_minute=per_minute,
    )
    return secret


class TokenClient:
    def __init__(self, secret: str) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def get(self, path: str):
        return self.client.get(f"/api/v1{path}")

    def post(self, path: str, body: dict | None = None):
        return self.client.post(f"/api/v1{path}", body or {}, content_type="application/json")


class StaffClient:
    """Signed in, with CSRF checks enforced as in a browser."""

    def __init__(self, staff) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(staff)
        self.client.get("/")  # any page sets the CSRF cookie
        self.csrf = self.client.cookies["csrftoken"].value

    def get(self, path: str):
        return self.client.get(f"/api/v1{path}")

    def post(self, path: str, body: dict | None = None, *, csrf: bool = True):
        headers = {"X-CSRFToken": self.csrf} if csrf else {}
        return self.client.post(
            f"/api/v1{path}", body or {}, content_type="application/json", headers=headers
        )

    def upload(self, path: str, data: dict):
        return self.client.post(f"/api/v1{path}", data, headers={"X-CSRFToken": self.csrf})
