"""Signing in to the portal as a professional would: the link and the code read
from the emails a real SMTP server on localhost received (conftest.smtp)."""

import re

from disclose.outbox.delivery import deliver_due

LINK = re.compile(r"https?://\S+/portal/sign-in/link/[A-Za-z0-9_\-]+/")
CODE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def latest_link_and_code(smtp, address: str) -> tuple[str, str]:
    """Deliver what waits in the outbox, then read the newest link and code sent to `address`."""
    deliver_due()
    mine = [m for to, m in smtp.emails() if to == [address]]
    links = [LINK.search(body(m)) for m in mine if "link to sign in" in m["Subject"]]
    codes = [CODE.search(body(m)) for m in mine if "code to sign in" in m["Subject"]]
    assert links and codes, f"no sign-in emails to {address}"
    return links[-1].group(0), codes[-1].group(1)


def path_of(url: str) -> str:
    return url[url.index("/portal/") :]


def sign_in(client, smtp, address: str) -> None:
    """Ask for a link, open it, enter the code: signed in to the portal."""
    response = client.post("/portal/sign-in/", {"email": address})
    assert response.status_code == 302, response.content.decode()[:2000]
    link, code = latest_link_and_code(smtp, address)
    assert client.get(path_of(link)).status_code == 302
    response = client.post("/portal/sign-in/code/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/portal/"


def portal_session_key(address: str) -> str:
    """A portal session for `address`, made directly (for tests about pages, not sign-in)."""
    from disclose.portal.models import PortalSession, Professional
    from disclose.portal.tokens import digest, new_token

    professional, _ = Professional.objects.get_or_create(email=address)
    key = new_token()
    PortalSession.objects.create(professional=professional, key_hash=digest(key, "session"))
    return key
