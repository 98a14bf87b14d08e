"""Requests whose information has been supplied, ready for hard copies (2.2),
and small real files for the document store. Builds on casework_factories."""

import io
import zipfile
from datetime import date

import pytest
from casework_factories import approved, snapshot

from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Dispatch, Document, HardCopyItem, HardCopyList, Request

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx(*extra: tuple[str, bytes], main: str = WORD_MAIN) -> bytes:
    """A minimal Word document: a zip whose parts say it is one, plus any `extra`
    parts (name, bytes). Fixed dates, so the same bytes every time."""
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
    )
    parts = [("[Content_Types].xml", types.encode()), ("word/document.xml", b"<w/>"), *extra]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            part = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            part.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(part, data)
    return buffer.getvalue()


ITEMS = [
    {"title": "Child protection plan", "date": date(2014, 2, 1)},
    {"title": "Core assessment", "date": date(2014, 1, 20)},
    {"title": "Police report", "third_party": True, "source": "Nottinghamshire Police"},
]


def supplied(office, person=None, **fields) -> Request:
    """A closed case approved by csm_t1, allocated to sw_t1, information supplied
    to a CAFCASS officer (the police go to Legal Services instead: 2.2)."""
    fields.setdefault("requestor_agency", "cafcass")
    fields.setdefault("requestor_name", "Alex Guardian")
    fields.setdefault("requestor_email", "alex.guardian@cafcass.example")
    person = person or office.closed_case()
    request = approved(office, person, office.csm_t1, **fields)
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="verified"
    )
    services.supply_information(actor=office.sw_t1, request=request, summary="CP plan dates.")
    return request


def listed(office, items=None, **fields) -> Request:
    request = supplied(office, **fields)
    services.request_hard_copies(
        actor=office.sw_t1, request=request, items=items if items is not None else ITEMS
    )
    return request


def approved_copies(office, items=None, upload_to_documents=False, **fields) -> Request:
    request = listed(office, items, **fields)
    services.decide_hard_copies(
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="Needed for the court bundle.",
        upload_to_documents=upload_to_documents,
    )
    return request


def upload(actor, request, data: bytes, name: str = "file.pdf", title: str = "") -> Document:
    return services.upload_document(
        actor=actor, request=request, file=io.BytesIO(data), name=name, title=title
    )


def statuses(request) -> dict[str, str]:
    return dict(HardCopyItem.objects.filter(request=request).values_list("title", "status"))


def full_snapshot(request) -> dict:
    """casework_factories.snapshot, plus everything hard copies and documents add."""
    return {
        **snapshot(request),
        "lists": list(HardCopyList.objects.order_by("pk").values_list("state", "approver_id")),
        "items": list(HardCopyItem.objects.order_by("pk").values_list("status", "confirmed")),
        "dispatches": Dispatch.objects.count(),
        "documents": list(Document.objects.order_by("pk").values_list("pk", "on_person_record")),
    }


def assert_refused(code: str, verb, **arguments) -> StepRefused:
    """Refused with `code`, with a message, and nothing at all changed."""
    before = full_snapshot(arguments["request"])
    with pytest.raises(StepRefused) as refused:
        verb(**arguments)
    assert refused.value.code == code, refused.value.message
    assert refused.value.message
    assert full_snapshot(arguments["request"]) == before
    return refused.value
