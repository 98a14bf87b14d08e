"""The audit trail records; nothing reads it to decide (issue 10, point 3).

With every audit event removed (the append-only guard lifted for the test),
who may see each request and each document, what each person may do on it,
and every due date are exactly as before.
"""

import io

import pytest
from casework_factories import build_office
from django.db import connection
from hard_copy_factories import PDF
from step_situations import people_of, situations_of

from disclose.audit import guard
from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.actions import actions_for
from disclose.casework.deadlines import deadline_queryset, deadlines_for
from disclose.casework.document_access import may_see
from disclose.casework.models import Document
from disclose.casework.visibility import can_see

pytestmark = pytest.mark.django_db


def _decisions(people, requests) -> dict:
    seen = {}
    for who, staff in people.items():
        for label, request in requests.items():
            request.refresh_from_db()
            seen[(who, label, "sees")] = can_see(staff, request)
            seen[(who, label, "may")] = sorted(actions_for(staff, request).names())
        for document in Document.objects.order_by("pk"):
            seen[(who, document.pk, "document")] = may_see(staff, document)
    for request in deadline_queryset().filter(pk__in=[r.pk for r in requests.values()]):
        seen[(request.reference, "due")] = [
            (d.stage, d.subject, d.due) for d in deadlines_for(request)
        ]
    return seen


def test_emptying_the_audit_table_changes_no_access_decision_and_no_due_date(tmp_path, settings):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    requests = situations_of(office)
    people = people_of(office)
    # A CSM passes a request on and back: both held it, the holders table says when.
    passed = requests["forwarded to a CSM"]
    services.pass_to_csm(actor=office.csm_t1, request=passed, to=office.csm_d, reason="Mine?")
    services.upload_document(
        actor=office.sw_t1, request=requests["allocated"], file=io.BytesIO(PDF), name="n.pdf"
    )
    before = _decisions(people, requests)
    assert AuditEvent.objects.exists()
    guard.remove(connection)
    AuditEvent.objects.all().delete()
    assert not AuditEvent.objects.exists()
    after = _decisions(people, requests)
    guard.install(connection)
    assert after == before
    # The comparison is not empty: people see requests, may act, and dates are due.
    assert any(v is True for k, v in before.items() if k[-1] == "sees")
    assert any(v for k, v in before.items() if k[-1] == "may")
    assert any(v for k, v in before.items() if k[-1] == "due")
