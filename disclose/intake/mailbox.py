"""Polling the SCIMT's mailbox over IMAP with TLS (issue 14, item 2).

Each unseen message is taken in (intake.py) and then marked seen, never
deleted: the mailbox stays the council's record of what arrived. A message
taken in twice (the worker died between the two) is recognised by its
Message-ID. One larger than INTAKE_MAX_BYTES is set aside from its headers
alone, without downloading it.

Signing in: with INTAKE_IMAP_AUTH = "oauth2" (Microsoft 365), a token from the
tenant's OAuth2 endpoint by the client-credentials grant, sent with XOAUTH2;
otherwise the mailbox's password. The server's certificate is always checked
(INTAKE_IMAP_CA_FILE names the authority when it is not a public one).
"""

import imaplib
import re
import ssl

import requests
from django.conf import settings

from . import checks
from .intake import set_aside, take_in

SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


def configured() -> bool:
    return bool(getattr(settings, "INTAKE_IMAP_HOST", ""))


def poll() -> dict[str, int]:
    """Take in every unseen message; how many became each outcome."""
    counts = {"draft": 0, "duplicate": 0, "quarantined": 0}
    context = ssl.create_default_context(cafile=settings.INTAKE_IMAP_CA_FILE or None)
    with imaplib.IMAP4_SSL(
        settings.INTAKE_IMAP_HOST, settings.INTAKE_IMAP_PORT, ssl_context=context, timeout=60
    ) as imap:
        _sign_in(imap)
        _ok(imap.select(settings.INTAKE_IMAP_FOLDER))
        _, found = _ok(imap.uid("SEARCH", None, "UNSEEN"))
        for uid in found[0].split():
            outcome = _take(imap, uid)
            counts[outcome.status] += 1
            _ok(imap.uid("STORE", uid, "+FLAGS", "(\\Seen)"))
    return counts


def _take(imap: imaplib.IMAP4, uid: bytes):
    _, sized = _ok(imap.uid("FETCH", uid, "(RFC822.SIZE)"))
    size = int(SIZE.search(b" ".join(x for x in sized if isinstance(x, bytes))).group(1))
    if size > checks.max_bytes():
        _, header = _ok(imap.uid("FETCH", uid, "(BODY.PEEK[HEADER])"))
        reason = (
            f"The email is {size / 1048576:.1f} MB, more than the "
            f"{checks.max_bytes() / 1048576:.0f} MB Disclose takes. Ask the sender to "
            "send the documents by Cryptshare instead."
        )
        return set_aside(header[0][1], reason, source="mailbox")
    _, message = _ok(imap.uid("FETCH", uid, "(BODY.PEEK[])"))
    return take_in(message[0][1], source="mailbox")


def _sign_in(imap: imaplib.IMAP4) -> None:
    user = settings.INTAKE_IMAP_USER
    if settings.INTAKE_IMAP_AUTH == "oauth2":
        token = oauth2_token()
        imap.authenticate("XOAUTH2", lambda _: xoauth2(user, token))
    else:
        imap.login(user, settings.INTAKE_IMAP_PASSWORD)


def xoauth2(user: str, token: str) -> bytes:
    """The SASL XOAUTH2 string Microsoft 365 and Gmail take."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


def oauth2_token() -> str:
    """An access token for the mailbox, by the client-credentials grant."""
    response = requests.post(
        settings.INTAKE_OAUTH_TOKEN_URL.format(tenant=settings.INTAKE_OAUTH_TENANT),
        data={
            "grant_type": "client_credentials",
            "client_id": settings.INTAKE_OAUTH_CLIENT_ID,
            "client_secret": settings.INTAKE_OAUTH_CLIENT_SECRET,
            "scope": settings.INTAKE_OAUTH_SCOPE,
        },
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["access_token"]


def _ok(answer):
    status, data = answer
    if status != "OK":
        raise imaplib.IMAP4.error(f"The mailbox answered {status}: {data!r}")
    return status, data
