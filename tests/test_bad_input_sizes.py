"""Over-size bodies and uploads are refused with a message, and nothing is
saved (issue 6, item 6): disclose/web/security.py and Django's own limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hard_copy_factories import PDF
from test_access_matrix import sign_in, staff_fixture, theirs_fixture  # noqa: F401

from disclose.audit.models import AuditEvent
from disclose.casework.models import Document
from disclose.web.security import FORM_ALLOWANCE

pytestmark = pytest.mark.django_db


@pytest.fixture(name="worker")
def worker_fixture(client, theirs, settings):
    settings.DISCLOSE_MAX_UPLOAD_BYTES = 4096
    sign_in(client, theirs["office"].sw_t1)
    return f"/requests/{theirs['request'].reference}/upload-document/"


def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(client, worker):
    events, documents = AuditEvent.objects.count(), Document.objects.count()
    big = SimpleUploadedFile("huge.pdf", PDF + b"0" * (4096 + FORM_ALLOWANCE))
    response = client.post(worker, {"file": big, "title": "Huge"})
    assert response.status_code == 413
    assert "What you sent is too large. A document must be" in response.content.decode()
    assert AuditEvent.objects.count() == events and Document.objects.count() == documents


def test_a_document_over_the_limit_is_refused_with_the_limit_in_the_message(client, worker):
    documents = Document.objects.count()
    over = SimpleUploadedFile("plan.pdf", PDF + b"%" * 5000)
    response = client.post(worker, {"file": over, "title": "Plan"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "is larger than" in page
    assert Document.objects.count() == documents


def test_a_form_over_a_megabyte_is_refused_with_a_plain_message(client, theirs):
    sign_in(client, theirs["office"].sw_t1)
    url = f"/requests/{theirs['request'].reference}/subjects/1/supply-information/"
    response = client.post(url, {"summary": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 400
    assert "There is a problem with what you sent" in response.content.decode()


def test_a_form_with_thousands_of_fields_is_refused(client, theirs):
    sign_in(client, theirs["office"].sw_t1)
    url = f"/requests/{theirs['request'].reference}/subjects/1/supply-information/"
    response = client.post(url, {f"field{i}": "x" for i in range(1500)})
    assert response.status_code == 400
