"""Requests at every stage of the procedure, and a member of staff in each
role, for the tests that go over every step in every state (documents need
settings.DOCUMENTS_ROOT pointed at a temporary folder)."""

import io

from casework_factories import (
    approved,
    forwarded,
    make_staff,
    receive,
    verified_and_matched,
)
from hard_copy_factories import ITEMS, PDF, supplied

from disclose.casework import services
from disclose.casework.models import Request
from disclose.records.models import Holding


def situations_of(office) -> dict[str, Request]:
    """Requests at each stage of the procedure, all in one database."""
    found = {
        "received": receive(office, office.closed_case(paper=True)),
        "verified, not matched": _verified(office, receive(office, office.closed_case())),
        "matched": verified_and_matched(office, office.closed_case(paper=True)),
        "forwarded to a CSM": forwarded(office, office.closed_case(paper=True)),
        "open case, with its worker": forwarded(office, office.open_case(worker=office.sw_t1)),
        "approved": approved(office, office.closed_case(paper=True), office.csm_t1),
    }
    allocated = approved(office, office.closed_case(paper=True), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=allocated, worker=office.sw_t1)
    found["allocated"] = allocated
    checked = approved(office, office.closed_case(paper=True), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=checked, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=checked, method="call_back", outcome="verified"
    )
    found["identity checked again"] = checked
    files = approved(office, office.closed_case(paper=True), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=files, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=files, method="call_back", outcome="verified"
    )
    holding = Holding.objects.get(person=files.subjects.get().person)
    services.request_paper_files(actor=office.sw_t1, request=files, holding=holding)
    found["paper files asked for"] = files
    found["supplied"] = supplied(office)
    listed = supplied(office)
    services.upload_document(actor=office.sw_t1, request=listed, file=io.BytesIO(PDF), name="a.pdf")
    services.request_hard_copies(actor=office.sw_t1, request=listed, items=ITEMS)
    found["hard copies listed"] = listed
    sending = supplied(office)
    services.upload_document(
        actor=office.sw_t1, request=sending, file=io.BytesIO(PDF), name="a.pdf"
    )
    services.request_hard_copies(actor=office.sw_t1, request=sending, items=ITEMS)
    services.decide_hard_copies(
        actor=office.csm_t1, request=sending, decision="approve", reason="Fine."
    )
    found["hard copies approved"] = sending
    stopped = receive(office, office.closed_case())
    services.stop_clock(actor=office.scimt, request=stopped, reason="consent")
    found["clock stopped"] = stopped
    closed = _verified(office, receive(office, office.closed_case()))
    services.close(actor=office.scimt, request=closed)
    found["closed"] = closed
    found["advised to view the records"] = receive(office, office.closed_case(), extent="extensive")
    withdrawn = approved(office, office.closed_case(paper=True), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=withdrawn, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=withdrawn, method="call_back", outcome="verified"
    )
    holding = Holding.objects.get(person=withdrawn.subjects.get().person)
    services.request_paper_files(actor=office.sw_t1, request=withdrawn, holding=holding)
    services.withdraw(actor=office.sw_t1, request=withdrawn, reason="No longer needed.")
    found["withdrawn, files out"] = withdrawn
    ended = approved(office, office.closed_case(), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=ended, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=ended, method="call_back", outcome="failed"
    )
    found["ended: identity not verified again"] = ended
    return found


def _verified(office, request):
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    return request


def people_of(office) -> dict[str, object]:
    people = {
        name: getattr(office, name)
        for name in ("scimt", "csm_t1", "tm_t1", "sw_t1", "csm_d", "tm_d", "sw_d", "bs")
    }
    people["legal"] = make_staff("legal1", "legal_services")
    people["governance"] = make_staff("ig1", "information_governance")
    people["admin"] = make_staff("admin1", "admin")  # reassigns any part (December 2026)
    return people
