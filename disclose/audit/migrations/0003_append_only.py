"""Audit events become append-only at the database (issue 6, point 3).

PostgreSQL: BEFORE UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement)
triggers that raise. SQLite: BEFORE UPDATE and BEFORE DELETE triggers with
RAISE(ABORT). INSERT is untouched, so `disclose restore` can load events.
Each database gets its own SQL by `schema_editor.connection.vendor`.
"""

from django.db import migrations


def add_guard(apps, schema_editor):
    from disclose.audit import guard

    guard.install(schema_editor.connection)


def remove_guard(apps, schema_editor):
    from disclose.audit import guard

    guard.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_initial'),
    ]

    operations = [
        migrations.RunPython(add_guard, remove_guard, elidable=False),
    ]
