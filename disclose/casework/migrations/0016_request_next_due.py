# Each request's earliest open due date, stored on it (issue 11, item 3).

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    """From the Deadline rows already stored, as deadlines_stored.store() writes it."""
    Deadline = apps.get_model("casework", "Deadline")
    Request = apps.get_model("casework", "Request")
    earliest = (
        Deadline.objects.filter(request_id=OuterRef("pk"), done_on__isnull=True, due__isnull=False)
        .order_by("due")
        .values("due")[:1]
    )
    Request.objects.update(next_due=Subquery(earliest))


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0015_hard_copies_withdrawn"),
    ]

    operations = [
        migrations.AddField(
            model_name="request",
            name="next_due",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
