"""Retention (issue 6, item 8): closed requests are kept for the council's
retention period, then purged by `disclose purge-closed-requests`, which
leaves one audit event per request and a chain that still verifies."""

import datetime
import io

import pytest
from casework_factories import build_office, receive
from django.core.management import call_command
from django.utils import timezone
from hard_copy_factories import PDF, supplied

from disclose.audit.log import verify
from disclose.audit.models import AuditEvent
from disclose.casework import document_store, services
from disclose.casework.models import Disclosure, Document, Message, Request, RequestSubject
from disclose.council.models import CouncilProfile
from disclose.records.models import CaseNote

pytestmark = pytest.mark.django_db


@pytest.fixture(name="office")
def office_fixture(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return build_office()


def closed(office, years_ago: float, **fields) -> Request:
    """A request whose information was supplied, with a document, closed long ago."""
    request = supplied(office, **fields)
    services.upload_document(
        actor=office.sw_t1, request=request, file=io.BytesIO(PDF), name="letter.pdf"
    )
    services.close(actor=office.sw_t1, request=request, reason="Information supplied.")
    when = timezone.now() - datetime.timedelta(days=round(365.25 * years_ago))
    Request.objects.filter(pk=request.pk).update(closed_at=when)
    return Request.objects.get(pk=request.pk)


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_closed_requests", *args, stdout=out)
    return out.getvalue()


def test_a_request_closed_longer_ago_than_the_period_is_purged_with_its_parts(
    office, django_capture_on_commit_callbacks
):
    old = closed(office, 6.1)
    recent = closed(office, 5.9)
    stored = document_store.path_of(Document.objects.get(request=old).storage_name)
    assert stored.exists()
    notes = CaseNote.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        output = purge()

    assert f"{old.reference}, closed" in output and recent.reference not in output
    assert "1 request(s) closed before" in output and "(6 years) purged" in output
    assert not Request.objects.filter(pk=old.pk).exists()
    for model in (RequestSubject, Message, Disclosure, Document):
        assert not model.objects.filter(request_id=old.pk).exists(), model.__name__
    assert Request.objects.filter(pk=recent.pk).exists()
    assert Document.objects.filter(request=recent).exists()
    assert not stored.exists()
    assert CaseNote.objects.count() == notes  # the child's record keeps its notes


def test_each_purged_request_leaves_one_audit_stub_and_the_chain_verifies(office):
    old = closed(office, 7)
    events = AuditEvent.objects.count()
    purge()
    stub = AuditEvent.objects.get(event_type="request_purged")
    assert AuditEvent.objects.count() == events + 1
    assert stub.request_reference == old.reference
    assert stub.detail["closed"] == timezone.localdate(old.closed_at).isoformat()
    assert stub.detail["removed"]["subjects"] == 1
    assert stub.detail["removed"]["documents"] == 1
    assert stub.detail["removed"]["messages"] >= 1
    # The request's earlier events are all still there, and still chained.
    assert AuditEvent.objects.filter(request_reference=old.reference).count() > 1
    assert verify().ok


def test_a_dry_run_says_what_would_go_and_changes_nothing(office):
    old = closed(office, 7)
    events = AuditEvent.objects.count()
    output = purge("--dry-run")
    assert old.reference in output and "1 request(s)" in output and "would be purged" in output
    assert Request.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.count() == events


def test_the_period_comes_from_the_council_profile(office):
    old = closed(office, 3)
    assert "0 request(s)" in purge()
    profile = CouncilProfile.current()
    profile.retention_years = 2
    profile.save()
    assert old.reference in purge()
    assert not Request.objects.filter(pk=old.pk).exists()


def test_open_requests_are_never_purged_however_old(office):
    request = receive(office, office.closed_case())
    Request.objects.filter(pk=request.pk).update(received=datetime.date(2001, 1, 1))
    assert "0 request(s)" in purge()
    assert Request.objects.filter(pk=request.pk).exists()


def test_a_document_filed_on_the_persons_record_stays_there(office):
    old = closed(office, 7)
    document = Document.objects.get(request=old)
    Document.objects.filter(pk=document.pk).update(
        on_person_record=True, person=old.subjects.get().person
    )
    purge()
    kept = Document.objects.get(pk=document.pk)
    assert kept.request_id is None and kept.person_id is not None
