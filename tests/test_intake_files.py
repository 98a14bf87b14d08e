"""Requests by email from files (`disclose intake-email FILE --json`), the
checks that set bad mail aside, and the SCIMT officer confirming a draft
(issue 14, item 2)."""

import json
from email.message import EmailMessage

import pytest
from casework_factories import build_office, make_staff
from django.core.management import call_command
from django.urls import reverse
from hard_copy_factories import EXE
from intake_mail import hostile_email, outlook_request, police_email, untrusted_email

from disclose.casework.models import Document, Request
from disclose.intake.confirm import initial_answers
from disclose.intake.models import DraftRequest


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


def intake(tmp_path, capsys, data: bytes, name: str) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    call_command("intake_email", str(path), "--json")
    return json.loads(capsys.readouterr().out)


def test_a_police_email_becomes_a_draft_with_what_it_says(db, tmp_path, capsys):
    found = intake(tmp_path, capsys, police_email(), "kestrel.eml")
    assert found["status"] == "draft" and found["reference"].startswith("EM-")
    assert found["requestor"] == {
        "name": "DC Daniel Harris",
        "email": "daniel.harris@nottinghamshire.police.uk",
        "phone": "0115 967 0999",
        "agency": "police",
    }
    assert found["subjects"] == [
        {"forename": "Oliver", "surname": "Bennett", "dob": "2015-03-14"},
        {"forename": "Amelia", "surname": "Bennett", "dob": "2017-06-02"},
    ]
    assert found["attachments"] == [] and found["reason"] is None


def test_an_outlook_msg_with_a_pdf_becomes_a_draft_and_a_second_time_a_duplicate(
    db, tmp_path, capsys
):
    found = intake(tmp_path, capsys, outlook_request(), "lewis.msg")
    assert found["status"] == "draft" and found["attachments"] == ["Court order.pdf"]
    assert found["requestor"]["agency"] == "cafcass"
    assert found["subjects"] == [{"forename": "Maisie", "surname": "Lewis", "dob": "2016-11-09"}]
    again = intake(tmp_path, capsys, outlook_request(), "lewis-again.msg")
    assert again["status"] == "duplicate" and again["reference"] == found["reference"]
    assert DraftRequest.objects.count() == 1


def test_a_hostile_email_is_set_aside_and_nothing_of_it_is_kept(db, tmp_path, capsys):
    found = intake(tmp_path, capsys, hostile_email(), "urgent.eml")
    assert found["status"] == "quarantined" and "script" in found["reason"]
    assert DraftRequest.objects.get().documents == []


def _email(**parts) -> EmailMessage:
    email = EmailMessage()
    email["From"], email["Subject"] = "a.person@nhs.net", "Request"
    email["Message-ID"] = parts.pop("message_id", "<x-1@nhs.net>")
    email.set_content(parts.pop("text", "About Ella Ward, DOB 21/07/2019."))
    return email


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("zip bomb", "zip", "zip bomb"),
        ("program with a PDF's name", "exe", "program or script"),
        ("unknown encoding", "charset", "encoding"),
        ("too big", "big", "MB"),
    ],
)
def test_bad_mail_is_set_aside_with_a_reason(db, tmp_path, capsys, settings, name, make, words):
    email = _email(message_id=f"<{make}@nhs.net>")
    if make == "zip":
        data = hostile_email().replace(b"<script>", b"<p>").replace(b"</script>", b"</p>")
    elif make == "exe":
        email.add_attachment(EXE, maintype="application", subtype="pdf", filename="report.pdf")
        data = email.as_bytes()
    elif make == "charset":
        data = email.as_bytes().replace(b'charset="utf-8"', b'charset="x-klingon"')
    else:
        settings.INTAKE_MAX_BYTES = 50
        data = email.as_bytes()
    found = intake(tmp_path, capsys, data, "mail.eml")
    assert found["status"] == "quarantined", name
    assert words in found["reason"], found["reason"]


def test_mail_from_an_untrusted_domain_is_flagged_for_a_closer_identity_check(db, tmp_path, capsys):
    found = intake(tmp_path, capsys, untrusted_email(), "jo.eml")
    assert found["status"] == "draft" and found["untrusted_domain"] is True
    assert found["requestor"]["agency"] == "other"


def test_the_officer_sees_what_was_read_and_confirming_logs_the_request_once(
    office, tmp_path, capsys, client
):
    intake(tmp_path, capsys, outlook_request(), "lewis.msg")
    draft = DraftRequest.objects.get()
    assert Request.objects.count() == 0  # nothing is logged without a person

    client.force_login(office.scimt)
    listing = client.get(reverse("web:email_drafts")).content.decode()
    assert "Section 7 report - Lewis family" in listing
    url = reverse("web:email_draft", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "Read from the email: name, email address, phone number" in page
    assert "people asked about" in page and "Maisie" in page

    answers = {k: str(v) for k, v in initial_answers(draft).items()}
    answers |= {"consent": "yes", "subject_count": "1"}
    response = client.post(url, answers)
    request = Request.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("web:request_detail", args=[request.reference])
    )
    assert request.channel == "email" and request.requestor_agency == "cafcass"
    assert request.requestor_email == "priya.shah@cafcass.gov.uk"
    assert [(s.forename, s.surname, str(s.dob)) for s in request.subjects.all()] == [
        ("Maisie", "Lewis", "2016-11-09")
    ]
    titles = set(Document.objects.filter(request=request).values_list("title", flat=True))
    assert titles == {"Original email", "Court order.pdf"}
    draft.refresh_from_db()
    assert draft.status == "confirmed" and draft.request_reference == request.reference
    assert "Section 7 report" not in client.get(reverse("web:email_drafts")).content.decode()

    # A second confirmation (a double click) logs nothing more.
    client.post(url, answers)
    assert Request.objects.count() == 1


def test_only_the_scimt_sees_requests_by_email(office, client):
    worker = make_staff("sw.only", "social_worker")
    client.force_login(worker)
    assert client.get(reverse("web:email_drafts")).status_code == 404


def test_the_officer_adds_an_email_saved_as_a_file_from_the_page(office, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office.scimt)
    url = reverse("web:email_drafts")
    upload = SimpleUploadedFile("lewis.msg", outlook_request(), "application/vnd.ms-outlook")
    response = client.post(url, {"email": upload})
    draft = DraftRequest.objects.get()
    assert response["Location"] == reverse("web:email_draft", args=[draft.pk])
    assert draft.source == "form" and draft.requestor_agency == "cafcass"

    bad = SimpleUploadedFile("urgent.eml", hostile_email(), "message/rfc822")
    page = client.post(url, {"email": bad}, follow=True).content.decode()
    assert "That email was set aside" in page and "script" in page
    assert "Do not open them in your mailbox" in page  # the set-aside list, with its reason


def test_a_pdf_that_runs_a_script_is_set_aside(db, tmp_path, capsys):
    email = _email(message_id="<pdf-js@nhs.net>")
    trap = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"
    email.add_attachment(trap, maintype="application", subtype="pdf", filename="letter.pdf")
    found = intake(tmp_path, capsys, email.as_bytes(), "mail.eml")
    assert found["status"] == "quarantined" and "runs a script" in found["reason"]
