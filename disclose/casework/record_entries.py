"""What goes on the record goes to the council's record system too.

The procedure puts case notes and some documents "on Framework", the council's
record system. Every case note (records.CaseNote) and every document filed on
a person's record (Document.on_person_record) is queued in the outbox as an
entry for it, in the transaction that writes it, whichever step writes it:
so a step added later cannot forget. The worker delivers the entries
(disclose/outbox/record_system.py).

Saves through the ORM are seen (post_save); a bulk queryset.update() that
files documents would not be, so steps file documents with save().
"""

from django.db.models.signals import post_save

from disclose.outbox.models import Outgoing
from disclose.outbox.queue import queue_record_entry
from disclose.records.models import CaseNote

from .models import Document


def queue_case_note(sender, instance: CaseNote, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    queue_record_entry(
        kind="case_note",
        person=instance.person,
        author=instance.author,
        at=instance.created_at,
        request_reference=instance.request_reference,
        source=f"case_note:{instance.pk}",
        text=instance.text,
    )


def queue_document(sender, instance: Document, raw: bool = False, **kwargs) -> None:
    if raw or not instance.on_person_record or instance.person_id is None:
        return
    source = f"document:{instance.pk}"
    if Outgoing.objects.filter(source=source).exists():
        return  # filed once; saving it again sends nothing new
    queue_record_entry(
        kind="document",
        person=instance.person,
        author=instance.filed_by or instance.uploaded_by,
        at=instance.filed_at or instance.uploaded_at,
        request_reference=instance.request.reference if instance.request_id else "",
        source=source,
        document={
            "title": instance.title,
            "name": instance.download_name,
            "content_type": instance.content_type,
            "size": instance.size,
            "sha256": instance.sha256,
            "storage_name": instance.storage_name,
        },
    )


def connect() -> None:
    post_save.connect(queue_case_note, sender=CaseNote, dispatch_uid="record_entries.case_note")
    post_save.connect(queue_document, sender=Document, dispatch_uid="record_entries.document")
