"""The audit chain keyed and chained by the sequencer (issues 15 and 11).

Events gain a keyed MAC of their own content; `seq`, `prev_hash` and `hash`
are filled in later by the sequencer. The guard now lets that happen, once.
Events already written are checked against the old, unkeyed chain and then
sealed again under DISCLOSE_AUDIT_KEY; if the old chain does not verify, the
migration stops, so a broken trail is never sealed as if it were whole.
"""

import hashlib
import json

from django.db import migrations, models
from django.db.models import Q

GENESIS = "0" * 64


def _unkeyed(event, prev_hash: str) -> str:
    """The digest as it was before issue 15: plain SHA-256, no key."""
    payload = json.dumps(
        [
            prev_hash,
            event.seq,
            event.at.isoformat(),
            event.category,
            event.event_type,
            event.actor_id,
            event.person_id,
            event.request_reference,
            event.detail,
        ],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def drop_old_guard(apps, schema_editor):
    from disclose.audit import guard

    guard.remove(schema_editor.connection)


def seal_under_key(apps, schema_editor):
    from disclose.audit.hashing import event_mac, link_hash

    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    events = list(AuditEvent.objects.order_by("seq"))
    prev_hash = GENESIS
    for expected, event in enumerate(events, start=1):
        if (
            event.seq != expected
            or event.prev_hash != prev_hash
            or _unkeyed(event, prev_hash) != event.hash
        ):
            raise RuntimeError(
                f"The audit chain is broken at event {expected}, so it cannot be sealed with "
                "the audit key. Keep the database as it is and tell your information "
                "governance lead before running `disclose migrate` again."
            )
        prev_hash = event.hash
    prev_hash = GENESIS
    for event in events:
        event.mac = event_mac(event)
        event.prev_hash = prev_hash
        event.hash = link_hash(prev_hash, event.seq, event.mac)
        prev_hash = event.hash
    AuditEvent.objects.bulk_update(events, ["mac", "prev_hash", "hash"], batch_size=500)
    if events:
        ChainHead.objects.update_or_create(
            id=1, defaults={"seq": events[-1].seq, "hash": prev_hash}
        )


def put_guard_back(apps, schema_editor):
    from disclose.audit import guard

    guard.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_append_only"),
    ]

    operations = [
        migrations.RunPython(drop_old_guard, migrations.RunPython.noop, elidable=False),
        migrations.AlterModelOptions(name="auditevent", options={"ordering": ["id"]}),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="mac",
            field=models.CharField(default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=Q(seq__isnull=True), fields=["id"], name="audit_event_unchained"
            ),
        ),
        migrations.RunPython(seal_under_key, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(put_guard_back, drop_old_guard, elidable=False),
    ]
