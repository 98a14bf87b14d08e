"""Uploads: size and type limits, the type found from the content, not the
name; stored outside the web root under a generated name, with a checksum."""

import hashlib

import pytest
from casework_factories import build_office
from hard_copy_factories import ELF, EXE, PDF, PNG, assert_refused, docx, supplied, upload

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.document_store import path_of
from disclose.casework.models import Document


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_program_renamed_pdf_is_refused_with_a_clear_message(office, documents_root):
    request = supplied(office)
    for program, what in ((EXE, "a Windows program"), (ELF, "a Linux program")):
        refused = assert_refused(
            "file_type_not_allowed",
            upload,
            actor=office.sw_t1,
            request=request,
            data=program,
            name="court-report.pdf",
        )
        assert f"'court-report.pdf' is {what}, whatever its name says" in refused.message
        assert "PDF" in refused.message
    assert Document.objects.count() == 0 and stored_files(documents_root) == []


def test_the_type_comes_from_the_content_whatever_the_name(office, documents_root):
    request = supplied(office)
    cases = [
        (PDF, "notes.txt", "pdf", "application/pdf"),
        (PNG, "scan.pdf", "png", "image/png"),
        (docx(), "letter", "docx", "application/vnd.openxmlformats-officedocument"),
        ("Zoë's placements – 2014 to 2016.\n".encode(), "summary.pdf", "txt", "text/plain"),
    ]
    for data, name, extension, content_type in cases:
        document = upload(office.sw_t1, request, data, name=name)
        assert document.extension == extension
        assert document.content_type.startswith(content_type)
        assert document.download_name.endswith(f".{extension}")


def test_a_file_is_kept_outside_the_web_root_under_a_generated_name_with_its_checksum(
    office, documents_root
):
    request = supplied(office)
    document = upload(office.sw_t1, request, PDF, name="CP plan.pdf", title="CP plan 2014")
    path = path_of(document.storage_name)
    assert path.is_relative_to(documents_root)
    assert path.read_bytes() == PDF
    assert "CP plan" not in str(path) and len(document.storage_name) == 32
    assert document.sha256 == hashlib.sha256(PDF).hexdigest() and document.size == len(PDF)
    assert (document.request, document.person, document.uploaded_by) == (
        request,
        request.subjects.get().person,
        office.sw_t1,
    )
    event = AuditEvent.objects.filter(event_type="upload_document").get()
    assert event.detail["sha256"] == document.sha256


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_kept(
    office, documents_root, settings
):
    settings.DISCLOSE_MAX_UPLOAD_BYTES = 1024
    request = supplied(office)
    refused = assert_refused(
        "file_too_large",
        upload,
        actor=office.sw_t1,
        request=request,
        data=b"a" * 1025,
        name="big.txt",
    )
    assert "larger than" in refused.message
    assert stored_files(documents_root) == []


def test_empty_files_and_unknown_binaries_are_refused(office, documents_root):
    request = supplied(office)
    assert_refused("file_empty", upload, actor=office.sw_t1, request=request, data=b"")
    refused = assert_refused(
        "file_type_not_allowed",
        upload,
        actor=office.sw_t1,
        request=request,
        data=bytes(range(256)) * 4,
        name="data.bin",
    )
    assert "not a type of file Disclose accepts" in refused.message


def test_someone_not_working_on_the_request_cannot_add_documents_to_it(office, documents_root):
    request = supplied(office)
    assert_refused("not_permitted_for_role", upload, actor=office.sw_d, request=request, data=PDF)
    # Business support may add a produced copy only once hard copies are approved.
    assert_refused("not_permitted_for_role", upload, actor=office.bs, request=request, data=PDF)


def test_an_item_can_carry_an_uploaded_document_of_the_same_request_only(office, documents_root):
    request = supplied(office)
    other = supplied(office)
    foreign = upload(office.sw_t1, other, PDF)
    assert_refused(
        "no_such_document",
        services.request_hard_copies,
        actor=office.sw_t1,
        request=request,
        items=[{"title": "CP plan", "document": foreign}],
    )
