"""Django settings for Disclose, read from the environment with safe defaults.

The embedded default is SQLite under DISCLOSE_DATA_DIR (./data). Set
DATABASE_URL for PostgreSQL, e.g. postgres://disclose:secret@localhost/disclose.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

from disclose.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("DISCLOSE_DATA_DIR", str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _key(name: str, file_name: str) -> str:
    """From the environment, or generated once per installation and kept in the data folder
    (good enough for the demo; production settings insist on the environment)."""
    key = env_str(name)
    if key:
        return key
    key_file = DATA_DIR / file_name
    if not key_file.exists():
        # Written aside and linked into place, so processes starting together agree on one key.
        draft = DATA_DIR / f".{file_name}.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        draft.chmod(0o600)
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _key("DISCLOSE_SECRET_KEY", "secret_key")
# Keys each audit event's hash (an HMAC), so someone who can write the database but
# does not hold this key cannot re-chain altered events (issue 15). Keep it out of the
# database and its backups; without it the trail can no longer be verified.
DISCLOSE_AUDIT_KEY = _key("DISCLOSE_AUDIT_KEY", "audit_key")
# Signed checkpoints of the chain head go here, outside the database: a folder on
# other storage, ideally write-once (docs/deploy-database.md).
DISCLOSE_AUDIT_CHECKPOINT_DIR = Path(
    env_str("DISCLOSE_AUDIT_CHECKPOINT_DIR", str(DATA_DIR / "audit-checkpoints"))
)
DISCLOSE_AUDIT_CHECKPOINT_HOURS = env_int("DISCLOSE_AUDIT_CHECKPOINT_HOURS", 24)
# How often the worker chains new audit events (issue 11): they wait unchained until then.
DISCLOSE_AUDIT_CHAIN_SECONDS = env_int("DISCLOSE_AUDIT_CHAIN_SECONDS", 2)
# Encrypts backups (disclose backup / restore). A restore needs the same key.
DISCLOSE_BACKUP_KEY = _key("DISCLOSE_BACKUP_KEY", "backup_key")
DEBUG = env_bool("DISCLOSE_DEBUG", False)
ALLOWED_HOSTS = env_list("DISCLOSE_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # The admin site, which only a person signed in with two factors reaches (issue 6).
    "disclose.web.signin.apps.TwoFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "disclose.council",
    "disclose.records",
    "disclose.audit",
    "disclose.casework",
    "disclose.outbox",
    "disclose.intake",
    "disclose.portal",
    "disclose.web",
    "disclose.api",
    # No models: their management commands (scenario; backup and restore).
    "disclose.scenarios",
    "disclose.backup",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",  # the API docs page's own scripts and styles (issue 16)
]

# The worker writes its heartbeat this often; /health/ says it is late after
# three beats missed (issue 11, item 5).
DISCLOSE_WORKER_HEARTBEAT_SECONDS = env_int("DISCLOSE_WORKER_HEARTBEAT_SECONDS", 20)

# Background jobs (reminders, issue 7) wait in the database and run in
# `disclose run-worker`, which `make run` starts beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "disclose.web.signin.middleware.SessionTimeoutMiddleware",
    "disclose.portal.middleware.PortalSeparationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "disclose.web.middleware.NoStoreMiddleware",
    "disclose.web.security.ContentSecurityPolicyMiddleware",
]
# Refuse an over-size body before anything reads it (issue 6, item 6).
MIDDLEWARE.insert(1, "disclose.web.security.BodySizeLimitMiddleware")

ROOT_URLCONF = "disclose.urls"
WSGI_APPLICATION = "disclose.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Overrides of Django's admin templates (admin/base_site.html): found
        # before the admin app's own, which comes first in INSTALLED_APPS.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Dates as the pages write them, in every page template (issue 11;
            # emails are rendered by casework/notify.py's own engine).
            "builtins": ["disclose.web.templatetags.dates"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "disclose.web.context.council",
            ],
        },
    },
]

_DATABASE_URL = env_str("DATABASE_URL")  # empty means "not set": the embedded SQLite default
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL or f"sqlite:///{DATA_DIR / 'disclose.sqlite3'}",
        # Each process keeps its connection (issue 11): opening a PostgreSQL
        # connection per page cost 13 ms of a trivial page's 20. Checked before
        # reuse, so a restarted database server costs one failed page at most.
        conn_max_age=env_int("DISCLOSE_DB_CONN_MAX_AGE", 600 if _DATABASE_URL else 0),
        conn_health_checks=True,
    )
}
# Kept in each server process's memory, and nowhere else: only what can be read
# or counted again at any time, for a minute at most (the dashboard's figures,
# the council profile heading each page). Nothing in it is needed by another
# process or server. At most 300 entries: a dashboard is some 100 KB.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 300},
    }
}
# The longest one SQL statement may run, in seconds (0: no limit), on PostgreSQL.
# `disclose serve` sets 30 for the app servers, so a page its visitor gave up on
# stops in the database too; the worker, imports and backups keep no limit.
DISCLOSE_DB_STATEMENT_TIMEOUT = env_int("DISCLOSE_DB_STATEMENT_TIMEOUT", 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and (
    DISCLOSE_DB_STATEMENT_TIMEOUT
):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DISCLOSE_DB_STATEMENT_TIMEOUT * 1000}"
    )
# Each process's connection prepares the statements it runs often (issue 11):
# PostgreSQL then plans a page's statements once, not on every page, which
# took two fifths of its work for the app's pages. The values are sent apart
# from the statement (server-side binding), which preparing needs. A
# connection pooler in transaction mode must keep prepared statements (PgBouncer
# 1.21 or later, max_prepared_statements); behind one that does not, set
# DISCLOSE_DB_PREPARED=0.
DISCLOSE_DB_PREPARED = env_bool("DISCLOSE_DB_PREPARED", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DISCLOSE_DB_PREPARED:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        # psycopg prepares a statement the fifth time a connection runs it,
        # and keeps the 100 last used.
        {"server_side_binding": True, "prepare_threshold": 5}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; the timeout waits for the lock
    # rather than failing at once when two people act together. A person search
    # reads a hundred scattered index pages of a file of 1 GB at a million
    # people: mapped into memory (up to 4 GB) and with 64 MB of page cache per
    # connection, it reads them from memory, not through a system call each.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=4294967296; PRAGMA cache_size=-65536;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "records.Staff"
# Django's, reading the signed-in person with SQL written once (issue 11).
AUTHENTICATION_BACKENDS = ["disclose.web.signin.backend.StaffBackend"]
# Django's database sessions, read with SQL written once (issue 11).
SESSION_ENGINE = "disclose.web.signin.sessions"
LOGIN_URL = "web:sign_in"
LOGIN_REDIRECT_URL = "web:my_work"
LOGOUT_REDIRECT_URL = "web:sign_in"

# Sign-in (issue 6). A password, then a code from an authenticator app (TOTP): a person
# is only signed in once both are right. disclose/web/signin/ holds the rules.
OTP_TOTP_ISSUER = env_str("DISCLOSE_TOTP_ISSUER", "Disclose")
# Lockout: this many failed sign-ins in DISCLOSE_SIGNIN_LOCKOUT_MINUTES lock the account
# (typed username), and a larger number locks the client address. The address limit is
# high because everyone in the council may come through one proxy.
DISCLOSE_SIGNIN_LOCKOUT_MINUTES = env_int("DISCLOSE_SIGNIN_LOCKOUT_MINUTES", 15)
DISCLOSE_SIGNIN_ACCOUNT_FAILURES = env_int("DISCLOSE_SIGNIN_ACCOUNT_FAILURES", 5)
DISCLOSE_SIGNIN_ADDRESS_FAILURES = env_int("DISCLOSE_SIGNIN_ADDRESS_FAILURES", 100)
# How many proxies of our own stand in front of Disclose. 0: the client is REMOTE_ADDR.
# N: the Nth address from the right of X-Forwarded-For (what our outermost proxy saw).
DISCLOSE_TRUSTED_PROXY_COUNT = env_int("DISCLOSE_TRUSTED_PROXY_COUNT", 0)
# Sessions end after this long without a request, and this long after signing in.
DISCLOSE_IDLE_MINUTES = env_int("DISCLOSE_IDLE_MINUTES", 30)
DISCLOSE_SESSION_HOURS = env_int("DISCLOSE_SESSION_HOURS", 10)
# Optional single sign-on with Microsoft Entra ID (OpenID Connect), on when the issuer is
# set, e.g. https://login.microsoftonline.com/<tenant id>/v2.0. An administrator links
# each member of staff to their identity (issuer and subject) in the admin.
DISCLOSE_OIDC_ISSUER = env_str("DISCLOSE_OIDC_ISSUER").rstrip("/")
DISCLOSE_OIDC_CLIENT_ID = env_str("DISCLOSE_OIDC_CLIENT_ID")
DISCLOSE_OIDC_CLIENT_SECRET = env_str("DISCLOSE_OIDC_CLIENT_SECRET")
DISCLOSE_OIDC_SCOPES = env_str("DISCLOSE_OIDC_SCOPES", "openid profile")
DISCLOSE_OIDC_TIMEOUT_SECONDS = env_int("DISCLOSE_OIDC_TIMEOUT_SECONDS", 5)
# The address registered with the provider for its answer; by default this site's
# /sign-in/sso/callback/ as the request reached it.
DISCLOSE_OIDC_REDIRECT_URI = env_str("DISCLOSE_OIDC_REDIRECT_URI")
# Ask for the authenticator app's code after single sign-on as well, unless the council
# enforces multi-factor authentication in Entra ID itself (Conditional Access).
DISCLOSE_OIDC_REQUIRE_TOTP = env_bool("DISCLOSE_OIDC_REQUIRE_TOTP", True)

# The agency portal (disclose/portal/): a sign-in link and code last this long, an
# address may ask for this many links an hour, and a link dies after this many
# wrong codes. Its sessions end as staff's do (DISCLOSE_IDLE_MINUTES, _SESSION_HOURS).
DISCLOSE_PORTAL_LINK_MINUTES = env_int("DISCLOSE_PORTAL_LINK_MINUTES", 15)
DISCLOSE_PORTAL_LINKS_PER_HOUR = env_int("DISCLOSE_PORTAL_LINKS_PER_HOUR", 5)
DISCLOSE_PORTAL_CODE_TRIES = env_int("DISCLOSE_PORTAL_CODE_TRIES", 5)
# Hard copies sent through the portal can be downloaded for this many days.
DISCLOSE_PORTAL_DOWNLOAD_DAYS = env_int("DISCLOSE_PORTAL_DOWNLOAD_DAYS", 28)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True
# GOV.UK Frontend and MoJ Frontend as npm published them (`make install` runs `npm ci`),
# served from /static/govuk/ and /static/moj/: never from a CDN.
_NODE_MODULES = BASE_DIR.parent / "node_modules"
STATICFILES_DIRS = [
    ("govuk", _NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("moj", _NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
    ("autocomplete", _NODE_MODULES / "accessible-autocomplete" / "dist"),
]

# Documents live outside the web root, under generated names.
DOCUMENTS_ROOT = Path(env_str("DISCLOSE_DOCUMENTS_DIR", str(DATA_DIR / "documents")))
# The largest document accepted for upload, in bytes (issue 4): 20 MB unless set.
DISCLOSE_MAX_UPLOAD_BYTES = env_int("DISCLOSE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# Sessions: cookie only over HTTPS in production, never readable by scripts.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Lax, not Strict: the single sign-on provider sends people back by a cross-site GET,
# which must carry the session holding its state and nonce. Changes are all POSTs.
# The middleware ends a session sooner (DISCLOSE_IDLE_MINUTES, DISCLOSE_SESSION_HOURS).
SESSION_COOKIE_AGE = DISCLOSE_SESSION_HOURS * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Set DISCLOSE_SECURE_COOKIES=true wherever Disclose is served over HTTPS (always, in production).
SESSION_COOKIE_SECURE = env_bool("DISCLOSE_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a proxy that ends TLS, name the header it sets, e.g. "X-Forwarded-Proto=https".
# Only when the proxy always sets (or strips) that header: a client could forge it otherwise.
_PROXY_SSL = env_str("DISCLOSE_PROXY_SSL_HEADER")
if _PROXY_SSL:
    _header, _, _value = _PROXY_SSL.partition("=")
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _header.strip().upper().replace("-", "_"),
        _value.strip() or "https",
    )
# No inline script or style anywhere (issue 6): disclose/web/security.py sends this.
DISCLOSE_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}
# Form fields (not files) read into memory: 1 MB is far more than any form
# needs; larger bodies get 400. Files over 1 MB go to a temporary file, and the
# document store refuses any over DISCLOSE_MAX_UPLOAD_BYTES as it writes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Email: a real SMTP server in production and tests; the demo writes to files.
EMAIL_BACKEND = env_str("DISCLOSE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("DISCLOSE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DISCLOSE_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DISCLOSE_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("DISCLOSE_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("DISCLOSE_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("DISCLOSE_EMAIL_TIMEOUT", 20)
EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = env_str("DISCLOSE_FROM_EMAIL", "disclose@localhost")

# The outbox (disclose/outbox/): everything that leaves Disclose goes from the
# worker, tried again after 30 s, 1, 2, 4 ... minutes (at most an hour apart),
# failed for good after the 10th attempt; administrators are emailed after the
# 3rd. A worker's claim on what it is sending lasts OUTBOX_LEASE_SECONDS: keep
# it well above EMAIL_TIMEOUT and RECORD_SYSTEM_TIMEOUT.
OUTBOX_RETRY_SECONDS = env_int("DISCLOSE_OUTBOX_RETRY_SECONDS", 30)
OUTBOX_RETRY_MAX_SECONDS = env_int("DISCLOSE_OUTBOX_RETRY_MAX_SECONDS", 3600)
OUTBOX_MAX_ATTEMPTS = env_int("DISCLOSE_OUTBOX_MAX_ATTEMPTS", 10)
OUTBOX_ALERT_AFTER = env_int("DISCLOSE_OUTBOX_ALERT_AFTER", 3)
OUTBOX_LEASE_SECONDS = env_int("DISCLOSE_OUTBOX_LEASE_SECONDS", 300)
OUTBOX_BATCH = env_int("DISCLOSE_OUTBOX_BATCH", 100)

# The council's record system (outbox/record_system.py): "folder", "http", or
# empty, when entries are queued and wait until one is configured.
RECORD_SYSTEM = env_str("DISCLOSE_RECORD_SYSTEM")
RECORD_SYSTEM_FOLDER = Path(
    env_str("DISCLOSE_RECORD_SYSTEM_FOLDER", str(DATA_DIR / "record-system"))
)
RECORD_SYSTEM_URL = env_str("DISCLOSE_RECORD_SYSTEM_URL")
# A path to a file holding the bearer token, never the token itself.
RECORD_SYSTEM_TOKEN_FILE = os.environ.get("DISCLOSE_RECORD_SYSTEM_TOKEN_FILE", "")
RECORD_SYSTEM_TIMEOUT = env_int("DISCLOSE_RECORD_SYSTEM_TIMEOUT", 20)

# Email intake (disclose/intake/): the SCIMT mailbox the worker polls over IMAP
# with TLS. Unset host: no polling. INTAKE_IMAP_AUTH "oauth2" signs in to
# Microsoft 365 with a token from the tenant (client credentials); otherwise
# the password is used.
INTAKE_IMAP_HOST = env_str("DISCLOSE_INTAKE_IMAP_HOST")
INTAKE_IMAP_PORT = env_int("DISCLOSE_INTAKE_IMAP_PORT", 993)
INTAKE_IMAP_USER = env_str("DISCLOSE_INTAKE_IMAP_USER")
INTAKE_IMAP_PASSWORD = env_str("DISCLOSE_INTAKE_IMAP_PASSWORD")
INTAKE_IMAP_FOLDER = env_str("DISCLOSE_INTAKE_IMAP_FOLDER", "INBOX")
INTAKE_IMAP_CA_FILE = env_str("DISCLOSE_INTAKE_IMAP_CA_FILE")
INTAKE_IMAP_AUTH = env_str("DISCLOSE_INTAKE_IMAP_AUTH", "password")
INTAKE_OAUTH_TENANT = env_str("DISCLOSE_INTAKE_OAUTH_TENANT")
INTAKE_OAUTH_CLIENT_ID = env_str("DISCLOSE_INTAKE_OAUTH_CLIENT_ID")
INTAKE_OAUTH_CLIENT_SECRET = env_str("DISCLOSE_INTAKE_OAUTH_CLIENT_SECRET")
INTAKE_OAUTH_TOKEN_URL = env_str(
    "DISCLOSE_INTAKE_OAUTH_TOKEN_URL",
    "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
)
INTAKE_OAUTH_SCOPE = env_str(
    "DISCLOSE_INTAKE_OAUTH_SCOPE", "https://outlook.office365.com/.default"
)
INTAKE_POLL_SECONDS = env_int("DISCLOSE_INTAKE_POLL_SECONDS", 60)
INTAKE_MAX_BYTES = env_int("DISCLOSE_INTAKE_MAX_BYTES", 25 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DISCLOSE_LOG_LEVEL", "WARNING")},
}
