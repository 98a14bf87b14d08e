"""Uploading a document to a request, and downloading it (issue 4, item 5).

An upload is checked (size, type by content) and written under a generated
name before the row is kept; if the row is not kept, the file is removed. A
download is allowed only to people with a reason to see the document
(document_access.py); anyone else is told it does not exist. Every download is
an access event in the audit chain.
"""

from collections.abc import Iterable, Mapping
from typing import IO, BinaryIO

from django.db import transaction

from disclose.audit.log import record_access
from disclose.records.models import Staff

from .. import document_store
from ..document_access import may_see
from ..errors import StepRefused, refuse_if
from ..models import Document, Request
from ._base import Step, begin, open_step


class DocumentNotFound(LookupError):
    """No such document, or one this person has no reason to see: the same answer."""


def upload_document(
    *,
    actor: Staff,
    request: Request,
    file: IO[bytes],
    name: str,
    title: str = "",
    subject: int | None = None,
) -> Document:
    """Keep a file for this request: a copy of what was supplied (2.1.2.2), an
    item for hard copies, or the copy business support produced (2.2)."""
    # Asked before the file is stored, and again inside the step's transaction.
    with transaction.atomic():
        refuse_if(open_step("upload_document", actor, request).refusal())
    name = (name or "").strip() or "document"
    try:
        stored = document_store.store(_chunks(file), name)
    except document_store.DocumentRejected as rejected:
        raise StepRefused(rejected.code, rejected.message, "2.2") from None
    try:
        return _keep(actor, request, stored, name, (title or "").strip() or name, subject)
    except BaseException:
        document_store.discard(stored.storage_name)
        raise


def _keep(actor, request, stored, name: str, title: str, subject: int | None) -> Document:
    with begin("upload_document", actor, request) as step:
        step.check()
        if subject is not None:
            part = step.part(subject)
        else:
            part = step.parts[0] if len(step.parts) == 1 else None
        document = _document(step, stored, name, title, part)
        step.audit(
            [part] if part else [],
            document=document.pk,
            title=document.title,
            content_type=document.content_type,
            size=document.size,
            sha256=document.sha256,
        )
    return document


def keep_stored(step: Step, kept: Mapping) -> Document:
    """A file already checked and in the document store (the email or letter a
    request came with, intake/letter.py), kept as the request's document inside
    `step`, the step that logs the request; its audit event names it."""
    try:
        document_store.read_verified(kept["storage_name"], kept["sha256"])
    except (document_store.DocumentDamaged, KeyError):
        raise StepRefused(
            "document_damaged", "The attached file was not kept. Choose it again.", "1"
        ) from None
    stored = document_store.StoredFile(
        storage_name=kept["storage_name"],
        extension=kept["extension"],
        content_type=kept["content_type"],
        size=kept["size"],
        sha256=kept["sha256"],
    )
    part = step.parts[0] if len(step.parts) == 1 else None
    return _document(step, stored, kept["name"], kept["title"], part)


def _document(step: Step, stored, name: str, title: str, part) -> Document:
    name = (name or "").strip() or "document"
    return Document.objects.create(
        title=((title or "").strip() or name)[:300],
        original_name=name[:255],
        content_type=stored.content_type,
        extension=stored.extension,
        size=stored.size,
        sha256=stored.sha256,
        storage_name=stored.storage_name,
        request=step.request,
        subject=part,
        person_id=part.person_id if part else None,
        uploaded_by=step.actor,
        uploaded_at=step.now,
    )


def _chunks(file) -> Iterable[bytes]:
    if hasattr(file, "chunks"):  # Django's UploadedFile
        yield from file.chunks()
        return
    while chunk := file.read(document_store.CHUNK):
        yield chunk


def download_document(*, actor: Staff, document_id: int) -> tuple[Document, BinaryIO]:
    """The document and its file, checked against its checksum; audited.

    Raises DocumentNotFound for a document that does not exist or that this
    person has no reason to see, and document_store.DocumentDamaged if the
    stored file no longer matches its checksum.
    """
    document = Document.objects.select_related("request", "person").filter(pk=document_id).first()
    if document is None or not may_see(actor, document):
        raise DocumentNotFound(document_id)
    handle = document_store.open_verified(document.storage_name, document.sha256)
    try:
        record_access(
            event_type="document_downloaded",
            actor=actor,
            person=document.person,
            request_reference=document.request.reference if document.request else "",
            detail={"document": document.pk, "title": document.title, "sha256": document.sha256},
        )
    except BaseException:
        handle.close()
        raise
    return document, handle
