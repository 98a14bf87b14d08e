"""Uploads checked inside (issue 15, item 6). A zip with a `word/` part and a
program, and a macro-enabled document, were both accepted as .docx. Word and
Excel files are now looked inside for macros, programs and zip bombs; PDFs for
JavaScript and launch actions. The bad files are built here, byte by byte:
none of them does anything."""

import io
import zipfile
import zlib

import pytest
from casework_factories import build_office
from django.urls import reverse
from hard_copy_factories import EXE, PDF, assert_refused, docx, supplied, upload
from openpyxl import Workbook

from disclose.casework.document_contents import MAX_ENTRIES, MAX_EXPANDED_BYTES
from disclose.casework.models import Document

MACRO_WORD = "application/vnd.ms-word.document.macroEnabled.main+xml"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


@pytest.fixture
def request_(office, documents_root):
    return supplied(office)


def refused(office, request, data: bytes, name: str) -> str:
    """The upload is refused, nothing is kept, and the message is returned."""
    refusal = assert_refused(
        "file_content_not_allowed",
        upload,
        actor=office.sw_t1,
        request=request,
        data=data,
        name=name,
    )
    assert Document.objects.count() == 0
    return refusal.message


def xlsx(*extra: tuple[str, bytes]) -> bytes:
    """A real workbook from openpyxl, with any `extra` parts added."""
    book = Workbook()
    book.active["A1"] = "Dates of any child protection plan"
    buffer = io.BytesIO()
    book.save(buffer)
    if not extra:
        return buffer.getvalue()
    with zipfile.ZipFile(buffer, "a") as archive:
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


# Word and Excel


def test_ordinary_word_and_excel_files_are_kept(office, request_):
    for data, extension in ((docx(), "docx"), (xlsx(), "xlsx")):
        assert upload(office.sw_t1, request_, data, name=f"x.{extension}").extension == extension


def test_a_zip_with_a_word_part_and_a_program_is_refused(office, request_):
    for extra in (("payload.exe", EXE), ("word/media/image1.png", EXE)):
        message = refused(office, request_, docx(extra), "letter.docx")
        assert message.startswith("'letter.docx' has a program inside it.")
        assert "Save the document as a PDF" in message


def test_a_zip_that_only_says_word_inside_is_refused_as_damaged(office, request_):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    message = refused(office, request_, buffer.getvalue(), "letter.docx")
    assert "is damaged: it cannot be opened as a Word file" in message


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0"), main=MACRO_WORD), "letter.docx"),
        (docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")), "letter.docx"),
        (docx(main=MACRO_WORD), "letter.docx"),
        (xlsx(("xl/macrosheets/sheet1.xml", b"<xm:macrosheet/>")), "figures.xlsx"),
    ],
)
def test_a_document_with_macros_is_refused(office, request_, data, name):
    message = refused(office, request_, data, name)
    assert "contains macros, which can run when it is opened" in message
    assert "without macros, or as a PDF" in message


def test_an_embedded_object_is_refused(office, request_):
    data = docx(("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
    assert "has an object embedded in it" in refused(office, request_, data, "letter.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(office, request_):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", docx_types())
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            zeros = bytes(1024 * 1024)
            for _ in range(MAX_EXPANDED_BYTES // len(zeros) + 1):
                part.write(zeros)
    assert len(buffer.getvalue()) < 1024 * 1024  # small packed, huge unpacked
    message = refused(office, request_, buffer.getvalue(), "letter.docx")
    assert "unpacks to more than 200 MB" in message


def test_a_part_that_lies_about_its_size_is_refused_as_damaged(office, request_):
    size = 1024 * 1024
    data = bytearray(docx(("word/bomb.xml", bytes(size))))
    # Say 1,000 bytes where there are a million, in both headers.
    declared = size.to_bytes(4, "little")
    assert data.count(declared) == 2
    data = bytes(data).replace(declared, (1000).to_bytes(4, "little"))
    assert "is damaged" in refused(office, request_, data, "letter.docx")


def test_too_many_parts_are_refused(office, request_):
    extra = [(f"word/media/{n}.xml", b"") for n in range(MAX_ENTRIES)]
    message = refused(office, request_, docx(*extra), "letter.docx")
    assert (
        f"has {MAX_ENTRIES + 2:,} parts inside; Disclose accepts up to {MAX_ENTRIES:,}" in message
    )


def docx_types() -> str:
    with zipfile.ZipFile(io.BytesIO(docx())) as archive:
        return archive.read("[Content_Types].xml").decode()


# PDF


def pdf(*objects: bytes) -> bytes:
    """A PDF with these objects after its catalogue, and a cross-reference table."""
    body = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    body += objects
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, content in enumerate(body, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return bytes(out)


def stream(dictionary: bytes, data: bytes) -> bytes:
    packed = zlib.compress(data)
    return b"<< %s /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        dictionary,
        len(packed),
        packed,
    )


def test_an_ordinary_pdf_is_kept(office, request_):
    text = stream(b"", b"BT /F1 12 Tf 72 712 Td (Child protection plan) Tj ET")
    assert upload(office.sw_t1, request_, pdf(text), name="plan.pdf").extension == "pdf"
    assert upload(office.sw_t1, request_, PDF, name="small.pdf").extension == "pdf"


@pytest.mark.parametrize(
    "action",
    [
        b"<< /S /JavaScript /JS (app.alert\\('hello'\\)) >>",
        b"<< /S /J#61vaScript /JS (app.alert\\('hello'\\)) >>",
        b"<< /S /Launch /F (cmd.exe) >>",
        # Hidden in a compressed object stream, where most dictionaries now live.
        stream(b"/Type /ObjStm /N 1 /First 4", b"4 0 << /S /JavaScript /JS (x) >>"),
    ],
)
def test_a_pdf_with_javascript_or_a_launch_action_is_refused(office, request_, action):
    message = refused(office, request_, pdf(action, b"<< /OpenAction 3 0 R >>"), "report.pdf")
    assert message.startswith(
        "'report.pdf' contains JavaScript or an action that opens other programs."
    )
    assert "Print it to a new PDF" in message


def test_an_encrypted_pdf_cannot_be_checked_so_is_refused(office, request_):
    message = refused(office, request_, pdf(b"<< /Encrypt 4 0 R >>"), "report.pdf")
    assert "is password protected or encrypted" in message


def test_an_object_stream_that_cannot_be_unpacked_is_refused(office, request_):
    hidden = (
        b"<< /Type /ObjStm /Filter /LZWDecode /Length 5 >>\nstream\n\x80\x0b\x60\x50\x22\nendstream"
    )
    assert "cannot look inside" in refused(office, request_, pdf(hidden), "report.pdf")


# Text


def test_a_text_file_is_downloaded_as_an_attachment_never_shown_as_a_page(office, request_, client):
    page = b"<html><script>alert('x')</script></html>\n"
    document = upload(office.sw_t1, request_, page, name="notes.html")
    assert document.extension == "txt"
    client.force_login(office.sw_t1)
    response = client.get(reverse("web:document_download", args=[document.pk]))
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
