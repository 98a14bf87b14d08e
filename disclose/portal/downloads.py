"""What the council sent a professional through the portal: the hard copies
business support sent by the portal instead of Cryptshare or secure email
(2.2; the dispatch step's method "portal"). Each file is a link that only the
professional who asked can open (access.own_request), until
DISCLOSE_PORTAL_DOWNLOAD_DAYS after it was sent; after that it is not found.
Every download is an access event in the audit chain, and the file is checked
against its checksum before a byte is sent.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from disclose.audit.log import record_access
from disclose.casework import document_store
from disclose.casework.models import Dispatch, Document, HardCopyItem, Request
from disclose.procedure import hard_copies as rules

from .models import Professional


@dataclass(frozen=True)
class Download:
    item: HardCopyItem
    until: datetime

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.until


def downloads_for(case: Request) -> list[Download]:
    """Every file sent on this request through the portal, newest first."""
    items = (
        HardCopyItem.objects.filter(
            request=case,
            status=rules.DISPATCHED,
            dispatch__method=Dispatch.Method.PORTAL,
            document__isnull=False,
        )
        .select_related("dispatch", "document", "hard_copy_list__subject")
        .order_by("-dispatch__at", "id")
    )
    days = timedelta(days=settings.DISCLOSE_PORTAL_DOWNLOAD_DAYS)
    return [Download(item, item.dispatch.at + days) for item in items]


def open_download(
    *, professional: Professional, case: Request, item: int
) -> tuple[Document, BinaryIO]:
    """The file, opened and verified, if it was sent to them through the portal
    and has not expired; 404 otherwise, the same for each reason."""
    found = next((d for d in downloads_for(case) if d.item.pk == item), None)
    if found is None or found.expired:
        raise Http404("No such document")
    document = found.item.document
    handle = document_store.open_verified(document.storage_name, document.sha256)
    record_access(
        event_type="portal_document_downloaded",
        actor=None,
        person=found.item.hard_copy_list.subject.person,
        request_reference=case.reference,
        detail={
            "professional": professional.email,
            "item": found.item.title,
            "document": document.pk,
            "sha256": document.sha256,
        },
    )
    return document, handle
