"""A real IMAP server for the intake tests: Debian's Dovecot, started on a
free localhost port with a throw-away configuration, TLS only, with a
certificate made for the test, and one mailbox (the SCIMT's)."""

import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
USER, PASSWORD = "scimt@council.example", "Mailbox-Pass-1"

CONFIG = """
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = yes
auth_mechanisms = plain login xoauth2 oauthbearer
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
{oauth2}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
first_valid_uid = {uid}
default_internal_user = {internal}
default_login_user = {login}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


class Mailbox:
    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self.ca_file = str(root / "cert.pem")

    def connect(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=self.ca_file)
        imap = imaplib.IMAP4_SSL("127.0.0.1", self.port, ssl_context=context, timeout=30)
        imap.login(USER, PASSWORD)
        return imap

    def deliver(self, *messages: bytes) -> None:
        with self.connect() as imap:
            for message in messages:
                status, _ = imap.append("INBOX", None, None, message)
                assert status == "OK"

    def unseen(self) -> int:
        with self.connect() as imap:
            imap.select("INBOX")
            _, found = imap.uid("SEARCH", None, "UNSEEN")
            return len(found[0].split())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _accounts() -> dict:
    """As root, Dovecot runs its parts as its own users; otherwise as us."""
    if os.getuid() == 0:
        mail = pwd.getpwnam("dovecot")
        return {"uid": mail.pw_uid, "gid": mail.pw_gid, "internal": "dovecot", "login": "dovenull"}
    me = pwd.getpwuid(os.getuid())
    return {"uid": me.pw_uid, "gid": me.pw_gid, "internal": me.pw_name, "login": me.pw_name}


OAUTH2_PASSDB = """
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/oauth2.conf.ext
}}
"""
OAUTH2_CONF = """introspection_mode = post
introspection_url = {url}
username_attribute = username
active_attribute = active
active_value = true
"""


@pytest.fixture
def dovecot():
    yield from run_dovecot()


def run_dovecot(introspection_url: str = ""):
    """Dovecot with the SCIMT mailbox; with `introspection_url`, it also takes
    OAuth2 bearer tokens (XOAUTH2), asking that URL whether each is valid."""
    if not Path(DOVECOT).exists():
        # Failed, not skipped: a skip would prove nothing (.ci/run installs it).
        pytest.fail("dovecot is missing: install dovecot-imapd, as .ci/run does")
    root = Path(tempfile.mkdtemp(prefix="disclose-dovecot-"))
    root.chmod(0o755)  # Dovecot's own users must reach the mail folder
    accounts, port = _accounts(), _free_port()
    for folder in ("run", "state", "home"):
        (root / folder).mkdir()
    os.chown(root / "home", accounts["uid"], accounts["gid"])
    subprocess.run(  # noqa: S603 - openssl from Debian, fixed arguments
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem"),
         "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    oauth2 = ""
    if introspection_url:
        (root / "oauth2.conf.ext").write_text(OAUTH2_CONF.format(url=introspection_url))
        oauth2 = OAUTH2_PASSDB.format(root=root)
    (root / "dovecot.conf").write_text(
        CONFIG.format(root=root, port=port, oauth2=oauth2, **accounts)
    )
    server = subprocess.Popen(  # noqa: S603 - Debian's dovecot, our own config
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    mailbox = Mailbox(root, port)
    try:
        _wait_until_listening(port, server, root)
        yield mailbox
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def _wait_until_listening(port: int, server: subprocess.Popen, root: Path) -> None:
    deadline = time.monotonic() + 120  # a busy machine starts it slowly
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
            raise RuntimeError(f"dovecot stopped: {server.stdout.read()!r} {log}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("dovecot did not start listening")
