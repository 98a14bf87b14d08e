"""What goes on the record reaches the council's record system (issue 14,
item 3; issue 12, item 6): each case note and each document filed on a
person's record is queued in the step's transaction and delivered by the
worker, through a folder drop or an HTTP POST, each against a real receiver."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from casework_factories import approved, build_office, forwarded
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hard_copy_factories import PDF, supplied, upload

from disclose.casework import services
from disclose.outbox.delivery import deliver_due
from disclose.outbox.models import Outgoing
from disclose.records.models import CaseNote


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def folder(settings, tmp_path):
    settings.RECORD_SYSTEM, settings.RECORD_SYSTEM_FOLDER = "folder", tmp_path / "drop"
    return tmp_path / "drop"


def entries():
    return Outgoing.objects.filter(channel="record_system").order_by("id")


def dispatched_with_a_document_on_record(office):
    """Hard copies sent by secure email, the CSM asking for them to be put on
    the person's record (2.2): case notes, and one document filed."""
    request = supplied(office)
    plan = upload(office.sw_t1, request, PDF, name="plan.pdf", title="Child protection plan")
    services.request_hard_copies(
        actor=office.sw_t1,
        request=request,
        items=[{"title": "Child protection plan", "document": plan}],
    )
    services.decide_hard_copies(
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason="For the court.",
        upload_to_documents=True,
    )
    services.dispatch_hard_copies(actor=office.bs, request=request, method="secure_email")
    return request, plan


def test_every_case_note_and_filed_document_is_queued_with_the_step(office):
    request, plan = dispatched_with_a_document_on_record(office)
    notes = CaseNote.objects.filter(request_reference=request.reference)
    assert notes.count() >= 3
    queued = list(entries())
    assert [e.kind for e in queued].count("case_note") == notes.count()
    assert [e.kind for e in queued].count("document") == 1
    assert {e.status for e in queued} == {"waiting"}  # no record system set: they wait
    deliver_due()
    assert {(e.status, e.attempts) for e in entries()} == {("waiting", 0)}  # never tried
    note = notes.last()  # the dispatch's
    entry = Outgoing.objects.get(source=f"case_note:{note.pk}").payload
    assert entry["text"] == note.text and entry["kind"] == "case_note"
    assert entry["person_record_id"] == note.person.person_id
    assert entry["author"]["name"] == office.bs.display_name
    assert entry["request_reference"] == request.reference


def test_the_folder_drop_gets_one_json_file_per_entry_and_the_document_itself(office, folder):
    request, plan = dispatched_with_a_document_on_record(office)
    deliver_due()
    assert {e.status for e in entries()} == {"delivered"}
    files = sorted(p.name for p in folder.iterdir())
    assert not [name for name in files if name.startswith(".")]  # nothing half-written
    dropped = [json.loads((folder / n).read_text()) for n in files if n.endswith(".json")]
    assert len(dropped) == entries().count()
    assert {d["id"] for d in dropped} == {e.key for e in entries()}
    (document,) = [d for d in dropped if d["kind"] == "document"]
    assert (folder / document["document"]["file"]).read_bytes() == PDF
    assert document["document"]["title"] == "Child protection plan"
    assert "storage_name" not in document["document"]  # our file names stay ours
    assert document["person_record_id"] == request.subjects.get().person.person_id
    for note in (d for d in dropped if d["kind"] == "case_note"):
        assert note["text"] and note["author"]["name"] and note["at"]
        assert note["request_reference"] == request.reference

    # Delivered again (as after a crash), the same entry lands on the same names.
    Outgoing.objects.filter(channel="record_system").update(status="waiting")
    deliver_due()
    assert sorted(p.name for p in folder.iterdir()) == files


class FailingTwice(BaseHTTPRequestHandler):
    """The record system's endpoint: 503 twice, then it takes the entry."""

    calls: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.calls.append({"headers": dict(self.headers), "body": json.loads(body)})
        ok = len(self.calls) > 2
        self.send_response(201 if ok else 503)
        self.end_headers()
        self.wfile.write(b"{}" if ok else b"busy")

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint(settings, tmp_path):
    FailingTwice.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FailingTwice)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    token = tmp_path / "token"
    token.write_text("s3cret-token\n")
    settings.RECORD_SYSTEM = "http"
    settings.RECORD_SYSTEM_URL = f"http://127.0.0.1:{server.server_port}/entries"
    settings.RECORD_SYSTEM_TOKEN_FILE = str(token)
    yield FailingTwice.calls
    server.shutdown()
    server.server_close()


def test_the_http_record_system_fails_twice_then_takes_the_entry_once(office, endpoint, mailoutbox):
    request = forwarded(office, office.closed_case())
    services.decide(actor=office.csm_t1, request=request, decision="decline", reason="Not needed.")
    Outgoing.objects.filter(channel="email").update(status="delivered")
    (entry,) = [e for e in entries() if e.payload["author"]["username"] == "csm_t1"]
    Outgoing.objects.filter(channel="record_system").exclude(pk=entry.pk).update(status="delivered")
    now = timezone.now()
    for _ in range(3):
        deliver_due(now=now)
        entry.refresh_from_db()
        now = entry.next_attempt_at
    assert entry.status == "delivered" and entry.attempts == 3
    assert [c["body"]["id"] for c in endpoint] == [entry.key] * 3
    assert {c["headers"]["Authorization"] for c in endpoint} == {"Bearer s3cret-token"}
    assert {c["headers"]["Idempotency-Key"] for c in endpoint} == {entry.key}
    sent = endpoint[-1]["body"]
    assert sent["kind"] == "case_note" and "Not needed" in sent["text"]
    assert sent["person_record_id"] == request.subjects.get().person.person_id
    assert sent["request_reference"] == request.reference


def test_the_request_page_shows_where_each_entry_stands(office, folder, client):
    request = forwarded(office, office.closed_case())
    client.force_login(office.scimt)
    url = reverse("web:request_detail", args=[request.reference])
    page = client.get(url).content.decode()
    assert "On the council's record system" in page and "Waiting to be sent" in page
    deliver_due()
    page = client.get(url).content.decode()
    assert "Case note for the record system" in page and "Delivered" in page


def test_the_report_lists_delivered_failed_and_waiting_over_a_date_range(office, folder, capsys):
    request = approved(office, office.closed_case(), office.csm_t1)
    first, *rest = list(entries())
    deliver_due()
    Outgoing.objects.filter(pk=first.pk).update(status="failed", last_error="The disk is full")
    assert rest, "the steps wrote more than one case note"
    Outgoing.objects.filter(pk=rest[0].pk).update(status="waiting")
    today = timezone.localdate()
    call_command("record_system", "report", "--from", str(today), "--to", str(today))
    out = capsys.readouterr().out
    assert "Failed: 1" in out and "Waiting: 1" in out and f"Delivered: {len(rest) - 1}" in out
    assert "The disk is full" in out and request.reference in out
    assert first.payload["person_record_id"] in out
    call_command(
        "record_system",
        "report",
        "--from",
        str(today - timedelta(days=9)),
        "--to",
        str(today - timedelta(days=2)),
    )
    assert "No entries" in capsys.readouterr().out


def test_the_scenario_trail_lists_each_entry_for_the_record_system(db):
    from pathlib import Path

    from disclose.scenarios.parse import load_file
    from disclose.scenarios.runner import run_scenario

    scenario = Path(__file__).parent / "scenarios" / "closed-paper-team-gone.yaml"
    trail = run_scenario(load_file(scenario))
    notes = trail["case_notes"]
    assert notes and trail["record_system"] == [
        {"person": n["person"], "kind": "case_note", "status": "queued"} for n in notes
    ]
