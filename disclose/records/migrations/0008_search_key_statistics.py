"""Tell PostgreSQL how many different search keys there are (issue 11).

A search key is a number made from a name's sound, a date, or the two
together, and most keys are held by a handful of people: at a million people,
3.1 million different keys in 9.9 million rows. PostgreSQL estimates that
number from a sample of 30,000 rows, in which nearly every key appears once,
and at ten million people it guessed 76,000. It then expected a thousand rows
under each key a search looks up, and started two extra worker processes to
read them: about 6 ms more on a search that reads a few hundred rows, and two
cores taken from the pages being served.

Set as a share of the rows (-0.25: a quarter of them), the estimate holds at
any size. The common keys (the sound of Smith) are still counted by the
sample's list of most common values. SQLite keeps no such estimate.
"""

from django.db import migrations

TABLE, COLUMN = "records_searchkey", "key"


def set_estimate(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} SET (n_distinct = -0.25)")
    schema_editor.execute(f"ANALYZE {TABLE}")


def reset_estimate(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} RESET (n_distinct)")
    schema_editor.execute(f"ANALYZE {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0007_sign_in_failures"),
    ]

    operations = [
        migrations.RunPython(set_estimate, reset_estimate, elidable=False),
    ]
