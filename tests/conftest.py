"""Shared fixtures. Tests run against DATABASE_URL (SQLite when unset)."""

import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests run on a busy 2-core machine in CI: no deadline per example,
# no health check that fails a test for being slow, and the same examples
# every run, so a result never depends on the machine's load or on chance.
hypothesis_settings.register_profile(
    "busy",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile("busy")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """What a real SMTP server on localhost received."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def emails(self):
        return [(e.rcpt_tos, message_from_bytes(e.content)) for e in self.envelopes]


@pytest.fixture
def watch_sql(monkeypatch):
    """watch_sql(): the list of models whose SQL Django writes from then on
    (reads prepared by disclose/prepared.py write none once prepared)."""
    from django.db.models.sql.compiler import SQLCompiler

    def watch() -> list:
        written = []
        original = SQLCompiler.as_sql

        def as_sql(self, *args, **kwargs):
            written.append(self.query.model)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(SQLCompiler, "as_sql", as_sql)
        return written

    return watch


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost, and Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 5
    yield inbox
    controller.stop()


DATABASES = {"postgresql", "sqlite"}  # what only_on(vendor) may name


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "only_on(vendor, reason): a test that can run against one database only "
        "(postgresql or sqlite); the run against the other leaves it out, and CI runs both",
    )


def pytest_report_header(config):
    from django.db import connection

    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    return (
        f"database: {connection.vendor}. Tests marked only_on({other!r}) are left out of "
        "this run: CI runs make test against SQLite and against PostgreSQL."
    )


def pytest_collection_modifyitems(config, items):
    """A test that can run against one database only is left out of a run
    against the other (not skipped: it proves nothing there, and the other run
    runs it)."""
    from django.db import connection

    elsewhere = []
    for item in items:
        marker = item.get_closest_marker("only_on")
        if marker is None:
            continue
        if marker.args[0] not in DATABASES:
            # A misspelt name would leave the test out of both runs, unseen.
            raise pytest.UsageError(f"{item.nodeid}: only_on takes one of {sorted(DATABASES)}")
        if marker.args[0] != connection.vendor:
            elsewhere.append(item)
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        left_out = set(elsewhere)
        items[:] = [item for item in items if item not in left_out]


def pytest_terminal_summary(terminalreporter):
    """Show figures a test recorded with record_property("summary", text), such as
    the search quality table, even when pytest-xdist runs the tests elsewhere."""
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get(
        "failed", []
    ):
        for name, value in getattr(report, "user_properties", []):
            if name == "summary" and report.when == "call":
                terminalreporter.write_line(str(value))


@pytest.fixture(autouse=True)
def _audit_checkpoints_apart(settings, tmp_path_factory):
    """Each test its own checkpoint folder: a checkpoint from one test's database
    would rightly make another's audit chain fail to verify."""
    settings.DISCLOSE_AUDIT_CHECKPOINT_DIR = tmp_path_factory.mktemp("audit-checkpoints")


@pytest.fixture(autouse=True)
def _nothing_cached_from_another_test():
    """Each test starts with the process's cache empty (the dashboard keeps a
    person's figures for a minute): figures counted in one test's data are
    never shown in another's."""
    from django.core.cache import cache

    cache.clear()
