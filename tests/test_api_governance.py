"""The audit verify result, the disclosure log and the records import through
the API: for the roles the pages allow, or a token with the scope, each call
audited; an import with a bad row loads nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from api_client import StaffClient, TokenClient, token_for
from casework_factories import build_office, forwarded, make_staff
from django.test import Client

from disclose.audit.models import AuditEvent
from disclose.audit.sequencer import chain_waiting
from disclose.records.models import Person

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).parent / "fixtures" / "small_extract"


def _zip(*, broken: bool = False, extra: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(EXTRACT.iterdir()):
            text = path.read_text()
            if broken and path.name == "ssd_person.csv":
                text = text.replace("2012-07-21", "2012-07-32")
            archive.writestr(path.name, text)
        if extra:
            archive.writestr(extra, "x")
    return buffer.getvalue()


def _upload(client, content: bytes, **fields):
    upload = io.BytesIO(content)
    upload.name = "extract.zip"
    return client.post("/api/v1/records/imports", {"extract": upload, **fields})


def test_a_token_imports_an_extract_all_or_nothing_and_is_named_in_the_trail():
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('import_records', name='Nightly')}")
    refused = _upload(client, _zip(broken=True))
    assert refused.status_code == 422 and refused.json()["code"] == "import_problems"
    assert any(
        p["field"].startswith("ssd_person.csv:") and "2012-07-32" in p["message"]
        for p in refused.json()["problems"]
    ), refused.json()
    assert Person.objects.count() == 0
    dry = _upload(client, _zip(), dry_run="true")
    assert dry.status_code == 200 and dry.json()["dry_run"] is True
    assert Person.objects.count() == 0
    loaded = _upload(client, _zip())
    assert loaded.status_code == 200, loaded.json()
    assert loaded.json()["tables"]["persons"]["created"] == Person.objects.count() > 0
    event = AuditEvent.objects.get(event_type="records_imported")
    assert event.actor.first_name == "Nightly" and event.detail["via"] == "api"


def test_a_zip_with_other_files_is_refused_saying_which():
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for('import_records')}")
    refused = _upload(client, _zip(extra="../../etc/passwd"))
    assert refused.status_code == 422 and "../../etc/passwd" in refused.json()["message"]
    not_zip = _upload(client, b"person_id,forename\n")
    assert not_zip.status_code == 422 and ".zip" in not_zip.json()["message"]


def test_only_an_administrator_imports_when_signed_in():
    build_office()
    worker = StaffClient(make_staff("sw.only", "social_worker"))
    upload = io.BytesIO(_zip())
    upload.name = "extract.zip"
    refused = worker.upload("/records/imports", {"extract": upload})
    assert refused.status_code == 403 and refused.json()["code"] == "not_permitted_for_role"
    assert Person.objects.count() == 0


def test_information_governance_verify_the_trail_and_the_check_is_audited():
    governance = StaffClient(make_staff("ig.one", "information_governance"))
    chain_waiting()
    verified = governance.get("/audit/verify")
    assert verified.status_code == 200 and verified.json()["ok"] is True
    assert AuditEvent.objects.filter(event_type="audit_verified", actor__username="ig.one")
    worker = StaffClient(make_staff("sw.two", "social_worker"))
    assert worker.get("/audit/verify").status_code == 403
    token = TokenClient(token_for("audit_verify"))
    assert token.get("/audit/verify").json()["ok"] is True
    assert (
        TokenClient(token_for("read_requests", name="Other")).get("/audit/verify").status_code
        == 403
    )


def test_the_disclosure_log_by_date_and_agency_for_a_token_with_the_scope():
    office = build_office()
    forwarded(office, office.closed_case())  # basic facts shared: one disclosure
    log = TokenClient(token_for("read_disclosure_log"))
    found = log.get("/disclosure-log?agency=police")
    assert found.status_code == 200 and found.json()["count"] == 1
    assert found.json()["items"][0]["to_agency"] == "police"
    assert log.get("/disclosure-log?agency=health").json()["count"] == 0
    wrong = log.get("/disclosure-log?start=2026-12-01&end=2026-01-01")
    assert wrong.status_code == 422 and "start date" in wrong.json()["message"]
    assert AuditEvent.objects.filter(event_type="disclosure_log_viewed").count() == 2
