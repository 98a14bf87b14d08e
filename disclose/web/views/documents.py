"""Downloading a document (issue 4, item 5).

Only people with a reason to see it get the file (casework/document_access.py);
anyone else gets the same 404 as for a document that does not exist. Each
download is an access event in the audit chain, and the file is checked against
its checksum before a byte is sent.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from disclose.casework import services
from disclose.casework.document_store import DocumentDamaged

log = logging.getLogger(__name__)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document, handle = services.download_document(actor=request.user, document_id=pk)
    except services.DocumentNotFound:
        raise Http404("No such document") from None
    except DocumentDamaged as damaged:
        log.error("Document %s not served: %s", pk, damaged)
        return HttpResponse(
            "This document cannot be downloaded: the stored file does not match the one "
            "that was uploaded. Tell your administrator.",
            status=500,
            content_type="text/plain; charset=utf-8",
        )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
