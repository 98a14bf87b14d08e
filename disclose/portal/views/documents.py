"""Downloading what the council sent through the portal (downloads.py holds the rules)."""

import logging

from django.http import FileResponse, HttpResponse
from django.views.decorators.http import require_GET

from disclose.casework.document_store import DocumentDamaged

from ..access import own_request, professional_required
from ..downloads import open_download

log = logging.getLogger(__name__)


@professional_required
@require_GET
def download(request, reference: str, item: int) -> HttpResponse:
    case = own_request(request.professional, reference)
    try:
        document, handle = open_download(professional=request.professional, case=case, item=item)
    except DocumentDamaged as damaged:
        log.error("Portal download %s on %s not served: %s", item, reference, damaged)
        return HttpResponse(
            "This file cannot be downloaded now. Call us and we will send it again.",
            status=500,
            content_type="text/plain; charset=utf-8",
        )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
