"""The demo still lets a person sign in: each login's authenticator key is printed, and
`rundemo --codes` shows the codes for anyone without an app to hand."""

from io import StringIO

import pytest
from django.core.management import call_command

from disclose.records.demo.council import load_demo_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def logins(tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR, settings.STATIC_ROOT = tmp_path, tmp_path / "static"
    return load_demo_council(persons=120, data_dir=tmp_path)


def test_rundemo_prints_each_logins_key_and_a_demo_login_signs_in_with_it(logins, client):
    out = StringIO()
    call_command("rundemo", "--no-serve", stdout=out)
    text = out.getvalue()
    for login in logins:
        assert login["totp_secret"] in text
        assert (
            login["otpauth_uri"].startswith("otpauth://totp/Disclose")
            and login["otpauth_uri"] in text
        )

    codes = StringIO()
    call_command("rundemo", "--codes", stdout=codes)
    first = logins[0]
    line = next(row for row in codes.getvalue().splitlines() if first["username"] in row)
    code = line.split()[-1]
    assert len(code) == 6 and code.isdigit()

    client.post("/sign-in/", {"username": first["username"], "password": first["password"]})
    assert client.post("/sign-in/two-factor/", {"code": code})["Location"] == "/"
