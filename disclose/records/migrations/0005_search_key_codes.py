"""Search keys become 64-bit integers (issue 11): the old text keys are dropped
and every person's keys are built again in the new form."""

import django.db.models.deletion
from django.db import migrations, models


def rebuild_keys(apps, schema_editor):
    # The live code, not a frozen copy: the keys are whatever search/keys.py
    # makes today. A later change to the keys adds its own migration like this.
    from disclose.records.search.index import reindex_all

    reindex_all()


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0004_oidc_identity"),
    ]

    operations = [
        migrations.DeleteModel(name="SearchKey"),
        migrations.CreateModel(
            name="SearchKey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.BigIntegerField()),
                (
                    "person",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="records.person",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["key", "person"], name="searchkey_code_lookup")
                ],
            },
        ),
        migrations.RunPython(rebuild_keys, migrations.RunPython.noop),
    ]
