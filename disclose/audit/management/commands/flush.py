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


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        with guard.suspended(connection):
            return super().handle(**options)
