"""/health/ (issue 11, item 5): for the proxy in front of several app servers,
and for monitoring. No sign-in, and nothing about anyone: only whether this
server reaches the database, whether that database has every migration this
code needs, and when a worker last beat.

200 when the database answers and is migrated, else 503, so a proxy stops
sending people to a server that cannot serve them. A late worker does not
take the app servers out of service (pages work without it; emails wait in
the outbox), so it is only reported, unless ?worker=required asks for a 503
then too, for monitoring to alert on.
"""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from disclose.casework import heartbeat

# Once this process has seen every migration applied it stays so: migrations
# are only ever added by deploying new code, which restarts the process.
_migrated = False


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _migrations() -> str:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrated = not plan
    return "ok" if _migrated else "not applied: run disclose migrate"


def _worker() -> tuple[str, int | None]:
    seen = heartbeat.last_seen()
    if seen is None:
        return "not running", None
    age = timezone.now() - seen
    return ("ok" if age <= heartbeat.late_after() else "late"), int(age.total_seconds())


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    report: dict[str, object] = {}
    try:
        report["database"] = _database()
        report["migrations"] = _migrations()
        report["worker"], report["worker_seen_seconds_ago"] = _worker()
    except DatabaseError as error:
        report["database"] = f"unreachable: {type(error).__name__}"
    healthy = report.get("database") == "ok" and report.get("migrations") == "ok"
    if request.GET.get("worker") == "required":
        healthy = healthy and report.get("worker") == "ok"
    report["status"] = "ok" if healthy else "unhealthy"
    return JsonResponse(report, status=200 if healthy else 503)
