"""Production settings: the defaults in settings.py, made safe for a live service.

Use with DJANGO_SETTINGS_MODULE=disclose.settings_production. Disclose is then
only ever served over HTTPS: browsers are told so for a year (HSTS, with
subdomains and preload), plain HTTP is redirected, cookies go only over HTTPS,
and the secret key, the audit key and the backup key must come from the
environment (or a _FILE): a key generated on the server's disk is not good
enough for a live service. So must the folder for the audit checkpoints.

`disclose check --deploy --fail-level WARNING` passes with these (CI runs it).
"""

from django.core.exceptions import ImproperlyConfigured

from disclose.env import env_bool, env_int, env_str
from disclose.settings import *  # noqa: F403

_KEY = env_str("DISCLOSE_SECRET_KEY")
# Django's own test of a strong key (security.W009): long, varied, not its placeholder.
if len(_KEY) < 50 or len(set(_KEY)) < 5 or _KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "Set DISCLOSE_SECRET_KEY (or DISCLOSE_SECRET_KEY_FILE) to a random value of at "
        "least 50 characters, for example from: python -c "
        '"import secrets; print(secrets.token_urlsafe(50))"'
    )
SECRET_KEY = _KEY
SECRET_KEY_FALLBACKS: list[str] = []


def _required_key(name: str, purpose: str) -> str:
    """A key a live service must be given, never one generated beside the database."""
    key = env_str(name)
    if len(key) < 32:
        raise ImproperlyConfigured(
            f"Set {name} (or {name}_FILE) to a random value of at least 32 characters: "
            f"it {purpose}. Keep it apart from the database and its backups. Make one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(32))"'
        )
    return key


DISCLOSE_AUDIT_KEY = _required_key("DISCLOSE_AUDIT_KEY", "keys the audit trail's hashes")
DISCLOSE_BACKUP_KEY = _required_key("DISCLOSE_BACKUP_KEY", "encrypts backups")
if not env_str("DISCLOSE_AUDIT_CHECKPOINT_DIR"):
    raise ImproperlyConfigured(
        "Set DISCLOSE_AUDIT_CHECKPOINT_DIR to a folder outside the database's server or disk, "
        "ideally write-once storage: the audit trail's signed checkpoints go there."
    )

DEBUG = False

SECURE_SSL_REDIRECT = env_bool("DISCLOSE_SSL_REDIRECT", True)
# The proxy asks each app server /health/ over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("DISCLOSE_HSTS_SECONDS", 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
