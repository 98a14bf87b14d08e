from django.apps import AppConfig
from django.db.models.signals import post_migrate

GUARD_MIGRATION = ("audit", "0004_keyed_chain_sequencer")


def _keep_guard(sender, using: str = "default", **kwargs) -> None:
    """Put the append-only triggers back if a later migration lost them.

    SQLite alters a table by copying it to a new one, which drops its
    triggers; this runs after every `migrate` so the guard survives that.
    """
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from disclose.audit import guard

    connection = connections[using]
    if GUARD_MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return
    if guard.TABLE in connection.introspection.table_names():
        guard.install(connection)


class AuditConfig(AppConfig):
    name = "disclose.audit"
    label = "audit"

    def ready(self) -> None:
        post_migrate.connect(_keep_guard, sender=self, dispatch_uid="audit-keep-guard")
