"""Requests by email from the SCIMT mailbox (issue 14, item 2), against a real
IMAP server (Dovecot, TLS only): five realistic messages arrive; three become
drafts, the duplicate is ignored and the hostile one is set aside."""

import pytest
from dovecot import PASSWORD, USER, dovecot  # noqa: F401 - the fixture
from intake_mail import forwarded_outlook_request, hostile_email, police_email, reply_in_thread

from disclose.intake.mailbox import poll
from disclose.intake.models import DraftRequest


@pytest.fixture
def scimt_mailbox(dovecot, settings):  # noqa: F811 - the fixture from dovecot.py
    settings.INTAKE_IMAP_HOST, settings.INTAKE_IMAP_PORT = "127.0.0.1", dovecot.port
    settings.INTAKE_IMAP_USER, settings.INTAKE_IMAP_PASSWORD = USER, PASSWORD
    settings.INTAKE_IMAP_CA_FILE, settings.INTAKE_IMAP_AUTH = dovecot.ca_file, "password"
    return dovecot


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.mark.django_db
def test_five_emails_in_the_mailbox_become_three_drafts_one_duplicate_one_set_aside(
    scimt_mailbox,
):
    scimt_mailbox.deliver(
        police_email(),
        forwarded_outlook_request(),
        reply_in_thread(),
        police_email(),  # the same email again: same Message-ID
        hostile_email(),
    )
    assert poll() == {"draft": 3, "duplicate": 1, "quarantined": 1}
    assert scimt_mailbox.unseen() == 0  # each marked seen; none deleted

    police = DraftRequest.objects.get(message_id="<kestrel-0001@nottinghamshire.police.uk>")
    assert (police.requestor_name, police.requestor_phone) == ("DC Daniel Harris", "0115 967 0999")
    assert police.requestor_role == "Detective Constable, Public Protection Unit"
    assert police.requestor_agency == "police" and not police.untrusted_domain
    assert police.subjects == [
        {"forename": "Oliver", "surname": "Bennett", "dob": "2015-03-14"},
        {"forename": "Amelia", "surname": "Bennett", "dob": "2017-06-02"},
    ]
    assert police.source == "mailbox"

    # The .msg forwarded as an attachment: read from the Outlook message inside.
    cafcass = DraftRequest.objects.get(message_id="<s7-lewis-22@cafcass.gov.uk>")
    assert cafcass.requestor_email == "priya.shah@cafcass.gov.uk"
    assert cafcass.requestor_agency == "cafcass" and cafcass.requestor_name == "Priya Shah"
    assert cafcass.subjects == [{"forename": "Maisie", "surname": "Lewis", "dob": "2016-11-09"}]
    assert [d["name"] for d in cafcass.documents] == ["Original email.txt", "Court order.pdf"]

    reply = DraftRequest.objects.get(message_id="<reply-2@ofsted.gov.uk>")
    assert reply.requestor_agency == "ofsted" and reply.requestor_name == "Tom Green"
    assert reply.subjects == [{"forename": "Jayden", "surname": "Cole", "dob": "2014-05-03"}]

    hostile = DraftRequest.objects.get(status="quarantined")
    assert "script" in hostile.quarantine_reason and hostile.documents == []

    # Polling again finds nothing new.
    assert poll() == {"draft": 0, "duplicate": 0, "quarantined": 0}
    assert DraftRequest.objects.count() == 4
