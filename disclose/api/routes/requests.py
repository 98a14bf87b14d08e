"""Reading a request: the request and its parts, its messages, its documents
and its time limits. Staff see what the pages show them; a token with
`read_requests` sees the requests it logged."""

from typing import Literal

from django.http import FileResponse, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from disclose.casework import services
from disclose.casework.deadlines import deadline_queryset, deadlines_for
from disclose.casework.document_access import may_see
from disclose.casework.document_store import DocumentDamaged
from disclose.casework.models import Document, Request
from disclose.casework.visibility import visible_requests
from disclose.procedure.states import REQUEST_STATES

from ..access import audit_read, visible_request
from ..errors import COMMON, ApiError, Error, not_found
from ..present import request_out, staff_ref
from ..schemas import DeadlineOut, DocumentOut, MessageOut, RequestList, RequestOut

router = Router(tags=["Requests"])
READ = "read_requests"
PER_PAGE = 100
StateCode = Literal[tuple(sorted(REQUEST_STATES))]  # type: ignore[valid-type]


class ListFilter(Schema):
    state: StateCode | None = None
    page: int = Field(1, ge=1, le=100000)


@router.get(
    "/requests",
    response={200: RequestList, **COMMON},
    operation_id="list_requests",
    summary="List the requests you may see",
    description=f"Newest first, {PER_PAGE} a page: for staff, every request they may see on "
    "the pages; for a token with `read_requests`, the requests it logged. Names only the "
    "requestor: read a request for the people it is about.",
)
def list_requests(request: HttpRequest, filters: Query[ListFilter]):
    caller = request.auth
    caller.require(READ)
    rows = visible_requests(caller.staff)
    if filters.state:
        rows = rows.filter(state=filters.state)
    first = (filters.page - 1) * PER_PAGE
    page = rows.order_by("-received", "-id")[first : first + PER_PAGE]
    return {
        "count": rows.count(),
        "items": [
            {
                "reference": r.reference,
                "received": r.received,
                "state": r.state,
                "requestor_agency": r.requestor_agency,
                "requestor_name": r.requestor_name,
            }
            for r in page
        ],
    }


def _read(request: HttpRequest, reference: str, what: str) -> Request:
    """The request, for a caller whose token may read requests and who may see
    this one (404 otherwise), with the read audited as the request page is."""
    caller = request.auth
    caller.require(READ)
    case = visible_request(caller, reference)
    audit_read(caller, case, what)
    return case


@router.get(
    "/requests/{reference}",
    response={200: RequestOut, **COMMON},
    operation_id="read_request",
    summary="Read a request",
    description="The request, each part (one per person it is about) and each step your "
    "roles could take on it now, with why not when it cannot be taken yet.",
)
def read_request(request: HttpRequest, reference: str):
    case = _read(request, reference, "request")
    return request_out(case, request.auth.staff)


@router.get(
    "/requests/{reference}/messages",
    response={200: list[MessageOut], **COMMON},
    operation_id="read_messages",
    summary="Read the messages sent to the requestor",
)
def read_messages(request: HttpRequest, reference: str):
    case = _read(request, reference, "messages")
    rows = case.messages.select_related("subject", "outgoing").order_by("created_at", "id")
    return [
        {
            "id": m.id,
            "kind": m.kind,
            "subject": m.subject.number if m.subject_id else None,
            "to_address": m.to_address,
            "subject_line": m.subject_line,
            "text": m.text,
            "created_at": m.created_at,
            "delivery": m.outgoing.status if m.outgoing_id else "not_sent",
        }
        for m in rows
    ]


def _document_out(document: Document) -> dict:
    return {
        "id": document.id,
        "title": document.title,
        "original_name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "subject": document.subject.number if document.subject_id else None,
        "uploaded_by": staff_ref(document.uploaded_by),
        "uploaded_at": document.uploaded_at,
        "download": f"/api/v1/documents/{document.id}/file",
    }


@router.get(
    "/requests/{reference}/documents",
    response={200: list[DocumentOut], **COMMON},
    operation_id="read_documents",
    summary="List the documents kept for a request",
    description="Only the documents you have a reason to see (as on the request page).",
)
def read_documents(request: HttpRequest, reference: str):
    case = _read(request, reference, "documents")
    rows = case.documents.select_related("request", "subject", "uploaded_by").order_by("id")
    return [_document_out(d) for d in rows if may_see(request.auth.staff, d)]


@router.get(
    "/requests/{reference}/deadlines",
    response={200: list[DeadlineOut], **COMMON},
    operation_id="read_deadlines",
    summary="Read a request's time limits",
    description="Each stage that has started: when it is due in working days, whether it "
    "is done, overdue, or waiting with the clock stopped.",
)
def read_deadlines(request: HttpRequest, reference: str):
    case = _read(request, reference, "deadlines")
    case = deadline_queryset().get(pk=case.pk)
    return [
        {
            "stage": d.stage,
            "label": d.label,
            "subject": d.subject,
            "holder": staff_ref(d.holder),
            "started_on": d.started_on,
            "limit": d.limit,
            "due": d.due,
            "done_on": d.done_on,
            "overdue": d.overdue,
            "stopped": d.stopped,
        }
        for d in deadlines_for(case)
    ]


@router.get(
    "/documents/{document_id}/file",
    response={**COMMON, 500: Error},
    operation_id="download_document",
    summary="Download a document",
    description="For staff signed in who have a reason to see it. The file is checked "
    "against its checksum before a byte is sent, and each download is audited.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {
                    "*/*": {
                        "schema": {"type": "string", "format": "binary"},
                        "example": "%PDF-1.7 (the document's bytes)",
                    }
                },
            }
        }
    },
)
def download(request: HttpRequest, document_id: int):
    caller = request.auth
    caller.staff_only()
    try:
        document, handle = services.download_document(actor=caller.staff, document_id=document_id)
    except services.DocumentNotFound:
        raise not_found("document") from None
    except DocumentDamaged:
        raise ApiError(
            500,
            "document_damaged",
            "This document cannot be downloaded: the stored file does not match the one that "
            "was uploaded. Tell your administrator.",
        ) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
