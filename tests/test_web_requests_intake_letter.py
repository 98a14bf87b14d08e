"""The requestor's email or letter attached on the New request page (issue 13,
item 9): kept as a document of the request when it is logged, a request sent
elsewhere at once included; a file that cannot be kept is refused with what to
do, and nothing is logged or kept."""

import re

import pytest
from casework_factories import build_office
from django.core.files.uploadedfile import SimpleUploadedFile
from hard_copy_factories import EXE, PDF, docx
from intake_mail import police_email
from test_web_requests_intake import CONFIRMED, FORM

from disclose.audit.models import AuditEvent
from disclose.casework import document_store
from disclose.casework.models import Document, Request

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def check_answers(client, name: str, data: bytes, **answers) -> str:
    """Continue from the form with the file attached: the check-your-answers page."""
    letter = SimpleUploadedFile(name, data)
    return client.post("/requests/new/", FORM | answers | {"letter": letter}).content.decode()


def token_in(page: str) -> str:
    return re.search(r'name="letter_token" value="([^"]+)"', page).group(1)


def log(client, token: str, **answers):
    return client.post("/requests/new/", FORM | answers | CONFIRMED | {"letter_token": token})


def test_a_letter_is_kept_as_a_document_of_the_request(client, office):
    client.force_login(office.scimt)
    page = check_answers(client, "Letter from CAFCASS.pdf", PDF)
    assert "Check your answers" in page and "Letter from CAFCASS.pdf" in page
    assert not Request.objects.exists() and not Document.objects.exists()

    log(client, token_in(page))
    case = Request.objects.get()
    (document,) = case.documents.all()
    assert (
        document.original_name == "Letter from CAFCASS.pdf" and document.uploaded_by == office.scimt
    )
    assert document_store.read_verified(document.storage_name, document.sha256) == PDF
    logged = AuditEvent.objects.get(event_type="receive_request")
    assert logged.detail["documents"] == ["Letter from CAFCASS.pdf"]
    documents = client.get(f"/requests/{case.reference}/documents/").content.decode()
    assert "Letter from CAFCASS.pdf" in documents


def test_an_email_is_kept_as_its_text_as_emailed_requests_are(client, office):
    client.force_login(office.scimt)
    log(client, token_in(check_answers(client, "kestrel.eml", police_email())))
    (document,) = Request.objects.get().documents.all()
    assert document.title == "Original email"
    text = document_store.read_verified(document.storage_name, document.sha256).decode()
    assert "Operation Kestrel" in text and "daniel.harris@nottinghamshire.police.uk" in text


def test_a_request_sent_elsewhere_at_once_keeps_its_letter_too(client, office):
    client.force_login(office.scimt)
    page = check_answers(client, "subject access.docx", docx(), kind="own_records")
    assert "Log it, close it and tell the requestor" in page
    log(client, token_in(page), kind="own_records")
    case = Request.objects.get()
    assert case.state == "closed"
    assert [d.original_name for d in case.documents.all()] == ["subject access.docx"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("letter.pdf", EXE, "Windows program"),
        ("notes.txt", b"Please send the file.", "notes.txt cannot be attached. Choose an email"),
        ("broken.eml", b"Nothing like an email", "The email could not be read"),
        ("empty.pdf", b"", "The file you chose is empty"),
    ],
)
def test_a_file_that_cannot_be_kept_is_refused_and_nothing_is_kept(
    client, office, documents_root, name, data, message
):
    client.force_login(office.scimt)
    page = check_answers(client, name, data)
    assert "There is a problem" in page and message in page
    assert 'href="#id_letter"' in page  # the error summary leads to the file input
    assert "Alex Carter" in page  # what was typed is kept
    assert not Request.objects.exists() and stored_files(documents_root) == []


def test_a_changed_token_logs_nothing_and_says_to_choose_the_file_again(client, office):
    client.force_login(office.scimt)
    token = token_in(check_answers(client, "letter.pdf", PDF))
    page = log(client, token[:-3] + "abc").content.decode()
    assert "The attached file was not kept. Choose it again" in page
    assert not Request.objects.exists()


def test_changing_the_answers_keeps_the_letter(client, office):
    client.force_login(office.scimt)
    token = token_in(check_answers(client, "letter.pdf", PDF))
    page = client.post("/requests/new/", FORM | {"change": "1", "letter_token": token})
    page = page.content.decode()
    assert "New request" in page and "letter.pdf" in page and token_in(page) == token
    log(client, token)
    assert Request.objects.get().documents.count() == 1
