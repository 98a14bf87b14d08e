"""`flush` that can empty the audit table too.

Django's flush (used by `disclose flush` and by tests that need real
transactions) deletes or truncates every table, which the append-only guard
refuses. This lifts the guard for the flush only, in the same transaction.
On PostgreSQL only the table's owner may do that, so the application's
role still cannot empty the audit trail.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from disclose.audit import guard
from disclose.records.roles import ensure_roles


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        with guard.suspended(connection):
            result = super().handle(**options)
        # The roles come from a data migration, so a flush removes them, and a
        # flush that skips post_migrate (tests with serialized rollback) would
        # leave the next test on that database with no roles at all.
        ensure_roles(using=options["database"])
        return result
