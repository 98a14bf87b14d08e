"""/health/ for the proxy and monitoring (issue 11, item 5): the database, its
migrations and the worker's heartbeat, with no sign-in and nothing about anyone."""

from datetime import timedelta

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from disclose.casework import heartbeat
from disclose.web.views import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


def test_a_migrated_database_is_healthy_without_signing_in_and_says_no_worker_runs(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "migrations": "ok",
        "worker": "not running",
        "worker_seen_seconds_ago": None,
        "status": "ok",
    }
    assert "sessionid" not in response.cookies  # no session made for the proxy's visits
    # Monitoring can ask for the worker too: with none running that is a 503.
    assert client.get("/health/?worker=required").status_code == 503


def test_a_worker_that_beat_lately_is_ok_and_one_gone_quiet_is_late(client, settings):
    settings.DISCLOSE_WORKER_HEARTBEAT_SECONDS = 20
    heartbeat.beat("worker-a", now=timezone.now() - timedelta(seconds=5))
    report = client.get("/health/?worker=required")
    assert report.status_code == 200 and report.json()["worker"] == "ok"
    heartbeat.beat("worker-a", now=timezone.now() - timedelta(seconds=61))
    report = client.get("/health/?worker=required")
    assert report.status_code == 503
    assert report.json()["worker"] == "late" and report.json()["worker_seen_seconds_ago"] >= 61
    # Without ?worker=required a late worker does not take the app server out.
    assert client.get("/health/").status_code == 200


def test_a_database_missing_a_migration_is_unhealthy_and_says_what_to_run(client):
    MigrationRecorder.Migration.objects.filter(app="casework").order_by("-id").first().delete()
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["migrations"] == "not applied: run disclose migrate"
    assert response.json()["status"] == "unhealthy"


def test_a_worker_stopped_a_day_ago_is_cleared_by_the_next_beat():
    heartbeat.beat("old", now=timezone.now() - timedelta(days=2))
    heartbeat.beat("new")
    assert list(heartbeat.WorkerHeartbeat.objects.values_list("name", flat=True)) == ["new"]
