"""The database half of a backup: every row out as JSON Lines, and back in.

Django's own serializers do the work, so the dump is the same whatever the
database. Content types and permissions are not copied: `migrate` makes
them in every database, with ids that differ, so rows that point at them are
written with natural keys instead (as `dumpdata --natural-foreign` does).
"""

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from disclose.audit.models import ChainHead

# Made by `migrate` in every database; never copied.
NOT_COPIED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
# Rows a data migration puts in a new database; their presence does not make it "not empty".
SEEDED_BY_MIGRATE = {"records.role"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Keeps microseconds, which Django's encoder drops: each audit event's hash
    covers its time to the microsecond, so a rounded time would break the chain."""

    def default(self, o):
        if isinstance(o, datetime | time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def copied_models() -> list[type[Model]]:
    """Every table with data of ours, in an order that loads cleanly."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.label_lower not in NOT_COPIED
        and model._meta.managed
        and not model._meta.proxy
    ]


def counted_tables() -> list[type[Model]]:
    """The copied models plus their many-to-many tables: what a restore must match."""
    tables = []
    for model in copied_models():
        tables.append(model)
        tables += [
            f.remote_field.through
            for f in model._meta.local_many_to_many
            if f.remote_field.through._meta.auto_created
        ]
    return tables


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in counted_tables()}


def _rows(model: type[Model]) -> Iterator[Model]:
    return model._base_manager.order_by("pk").iterator(chunk_size=2000)


def dump(path: Path) -> dict[str, int]:
    """Write every copied row to `path`, streamed; return what was written per table."""
    serializer = serializers.get_serializer("jsonl")()
    with path.open("w", encoding="utf-8") as out:
        for model in copied_models():
            serializer.serialize(
                _rows(model), stream=out, use_natural_foreign_keys=True, cls=ExactJSONEncoder
            )
    return counts()


def table_hashes(path: Path) -> dict[str, str]:
    """A SHA-256 per table over its rows, in a form that does not depend on the database:
    keys sorted (PostgreSQL's JSON reorders them) and many-to-many lists sorted (no
    database promises their order). The same rows give the same hash from PostgreSQL or
    SQLite, so a restore can prove it loaded exactly what was backed up."""
    digests: dict[str, hashlib._Hash] = {}
    many: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as rows:
        for line in rows:
            if not line.strip():
                continue
            row = json.loads(line)
            label = row["model"]
            if label not in many:
                many[label] = [f.name for f in apps.get_model(label)._meta.many_to_many]
            for name in many[label]:
                if isinstance(row["fields"].get(name), list):
                    row["fields"][name] = sorted(row["fields"][name])
            canonical = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            digests.setdefault(label, hashlib.sha256()).update(canonical.encode("utf-8") + b"\n")
    return {label: digest.hexdigest() for label, digest in sorted(digests.items())}


def differing_tables(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    return sorted(
        label for label in set(expected) | set(actual) if expected.get(label) != actual.get(label)
    )


def load(path: Path) -> None:
    """Load a dump inside the caller's transaction (loaddata checks foreign keys at the end
    and moves PostgreSQL's id sequences past the loaded ids)."""
    call_command("loaddata", str(path), verbosity=0)


def chain_head() -> dict[str, object]:
    head = ChainHead.objects.filter(id=1).first()
    return {"seq": head.seq if head else 0, "hash": head.hash if head else "0" * 64}


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def tables_with_data() -> dict[str, int]:
    """Tables that already hold rows of ours: a restore refuses to mix them with a backup."""
    found = {}
    for model in counted_tables():
        label = model._meta.label_lower
        if label not in SEEDED_BY_MIGRATE and model._base_manager.exists():
            found[label] = model._base_manager.count()
    return found


def mismatches(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    return [
        f"{label}: backup has {expected.get(label, 0)}, database has {actual.get(label, 0)}"
        for label in sorted(set(expected) | set(actual))
        if expected.get(label, 0) != actual.get(label, 0)
    ]
