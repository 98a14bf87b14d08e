"""Production settings (issue 6, item 5): `disclose check --deploy` finds nothing,
HTTPS is forced and remembered, cookies are locked down, and a live service
will not start without a strong secret key of its own."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from subprocesses import SUBPROCESS_SECONDS

DISCLOSE = Path(sys.executable).with_name("disclose")
READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in [
    "DEBUG", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
    "SECURE_PROXY_SSL_HEADER", "SECRET_KEY"]}))
"""


def production(tmp_path, **env) -> dict:
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "disclose.settings_production",
        "DISCLOSE_DATA_DIR": str(tmp_path),
        "DISCLOSE_SECRET_KEY": secrets.token_urlsafe(50),
        "DISCLOSE_AUDIT_KEY": secrets.token_urlsafe(32),
        "DISCLOSE_BACKUP_KEY": secrets.token_urlsafe(32),
        "DISCLOSE_AUDIT_CHECKPOINT_DIR": str(tmp_path / "checkpoints"),
        **env,
    }
    return {k: v for k, v in environ.items() if v is not None}


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=SUBPROCESS_SECONDS)  # noqa: S603 (fixed arguments)


def test_the_deploy_check_finds_no_issues_with_production_settings(tmp_path):
    result = run(
        [str(DISCLOSE), "check", "--deploy", "--fail-level", "WARNING"], production(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_forces_https_for_a_year_and_locks_down_cookies(tmp_path):
    env = production(tmp_path, DISCLOSE_PROXY_SSL_HEADER="X-Forwarded-Proto=https")
    result = run([sys.executable, "-c", READ_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["DEBUG"] is False
    assert found["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and found["SECURE_HSTS_PRELOAD"]
    assert found["SECURE_SSL_REDIRECT"]
    assert found["SESSION_COOKIE_SECURE"] and found["SESSION_COOKIE_HTTPONLY"]
    assert found["CSRF_COOKIE_SECURE"] and found["CSRF_COOKIE_HTTPONLY"]
    assert found["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["SECRET_KEY"] == env["DISCLOSE_SECRET_KEY"]


@pytest.mark.parametrize("key", [None, "", "short", "x" * 60, "django-insecure-" + "a1b2c3" * 10])
def test_production_will_not_start_without_a_strong_secret_key(tmp_path, key):
    env = production(tmp_path, DISCLOSE_SECRET_KEY=key)
    result = run([sys.executable, "-c", READ_SETTINGS], env)
    assert result.returncode != 0
    assert "Set DISCLOSE_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("name", ["DISCLOSE_AUDIT_KEY", "DISCLOSE_BACKUP_KEY"])
@pytest.mark.parametrize("key", [None, "short"])
def test_production_will_not_start_without_its_own_audit_and_backup_keys(tmp_path, name, key):
    # The demo's key, generated into the data folder beside the database, is not enough.
    result = run([sys.executable, "-c", READ_SETTINGS], production(tmp_path, **{name: key}))
    assert result.returncode != 0
    assert f"Set {name} (or {name}_FILE)" in result.stderr


def test_production_will_not_start_without_a_checkpoint_folder(tmp_path):
    env = production(tmp_path, DISCLOSE_AUDIT_CHECKPOINT_DIR=None)
    result = run([sys.executable, "-c", READ_SETTINGS], env)
    assert result.returncode != 0
    assert "Set DISCLOSE_AUDIT_CHECKPOINT_DIR" in result.stderr
