"""Emails move to the outbox: each message, staff notification and reminder
points at its outbox item, which says whether it went. Rows written before
keep what they said (sent, failed, no address) as a finished outbox item."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

STATUS = {"sent": "delivered", "failed": "failed", "no_address": "no_address", "queued": "failed"}
MODELS = {"message": "requestor", "staffnotification": "staff", "reminder": "reminder"}


def move_to_outbox(apps, schema_editor):
    Outgoing = apps.get_model("outbox", "Outgoing")
    for name, kind in MODELS.items():
        model = apps.get_model("casework", name)
        for row in model.objects.filter(outgoing__isnull=True):
            request = getattr(row, "request", None)
            row.outgoing = Outgoing.objects.create(
                key=f"<{uuid.uuid4()}@before-the-outbox.invalid>",
                channel="email",
                kind=kind,
                description=f"Email ({kind}): {row.subject_line}"[:300],
                request_reference=request.reference if request else "",
                payload={
                    "to": [row.to_address] if row.to_address else [],
                    "from": settings.DEFAULT_FROM_EMAIL,
                    "reply_to": [],
                    "subject": row.subject_line,
                    "body": row.text,
                    "attachments": [],
                },
                status=STATUS.get(row.status, "failed"),
                created_at=row.created_at,
                next_attempt_at=row.created_at,
                delivered_at=row.sent_at,
                # Never sent before the outbox: an administrator may retry it.
                last_error=row.error or ("Not sent before the outbox" if row.status == "queued" else ""),
                alerted=True,
            )
            row.save(update_fields=["outgoing"])


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_time_limits"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=name,
                name="outgoing",
                field=models.OneToOneField(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to="outbox.outgoing",
                ),
            )
            for name in MODELS
        ],
        migrations.RunPython(move_to_outbox, migrations.RunPython.noop),
        *[
            migrations.RemoveField(model_name=name, name=field)
            for name in MODELS
            for field in ("error", "sent_at", "status")
        ],
    ]
