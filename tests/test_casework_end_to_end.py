"""The spec's example (spec/scenarios.md): a closed case whose team is gone,
with paper records, from receipt to close through the service layer."""

from datetime import date

import pytest
from casework_factories import add_cp_plan, add_episode, add_holding, build_office, make_person

from disclose.audit.log import verify
from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import Disclosure, Request
from disclose.records.models import CaseNote, Holding


@pytest.fixture
def office(db):
    return build_office()


def test_the_spec_example_runs_from_receipt_to_close(office):
    person = make_person(forename="Jayden", surname="Smith", dob=date(2010, 3, 4))
    add_episode(person, office.t0, start=date(2014, 1, 1), end=date(2016, 5, 1))
    add_cp_plan(person)
    holding = add_holding(person, "paper", reference="BOX-1187")
    request = services.receive_request(
        actor=office.scimt,
        channel="email",
        requestor_name="DC Jane Doe",
        requestor_agency="police",
        requestor_email="jane.doe@example.police.uk",
        requestor_phone="0115 000 0000",
        consent=True,
        details="Dates of any child protection plan for Jayden.",
        subjects=[{"forename": "Jaden", "surname": "Smith", "dob": date(2010, 3, 4)}],
        received=date(2026, 11, 2),
    )
    sw, bs = office.sw_d, office.bs
    steps = [
        (services.verify_identity, office.scimt, {"method": "call_back", "outcome": "verified"}),
        (services.match_subject, office.scimt, {"subject": 1, "person": person}),
        (services.share_basic_information, office.scimt, {}),
        (services.forward, office.scimt, {}),
        (services.decide, office.csm_d, {"decision": "approve", "reason": "Specific."}),
        (services.allocate, office.tm_d, {"worker": sw}),
        (services.verify_identity, sw, {"method": "call_back", "outcome": "verified"}),
        (services.request_paper_files, sw, {"holding": holding}),
        (services.retrieve_files, bs, {"holding": holding}),
        (services.supply_information, sw, {"summary": "CP plan 2014-2015 dates supplied."}),
        (services.return_files, bs, {"holding": holding}),
        (services.close, sw, {}),
    ]
    for verb, actor, fields in steps:
        verb(actor=actor, request=request, **fields)
    request = Request.objects.get(pk=request.pk)
    subject = request.subjects.get()
    assert request.reference == "AR-2026-000001" and request.state == "closed"
    assert (subject.route, subject.paragraph, subject.decided_by) == (
        "closed_paper:dcpt_csm",
        "2.1.3",
        office.csm_d,
    )
    assert Holding.objects.get(pk=holding.pk).status == "in_storage"
    # Case notes: the SCIMT's forward, the CSM's decision, the worker's supply.
    authors = list(
        CaseNote.objects.filter(person=person).values_list("author__username", flat=True)
    )
    assert authors == ["scimt1", "csm_d", "sw_d"]
    assert list(Disclosure.objects.values_list("kind", flat=True)) == [
        "basic_information",
        "information_supplied",
    ]
    events = list(AuditEvent.objects.values_list("event_type", flat=True))
    assert events == ["receive_request"] + [verb.__name__ for verb, _, _ in steps]
    assert verify().ok
