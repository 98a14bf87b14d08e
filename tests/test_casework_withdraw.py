"""The requestor withdraws (issue 12, item 2): every open part ends, the
holders are told, the requestor is told once and sent nothing more, and
paper files out still come back before the request closes (2.1.3.5)."""

import pytest
from casework_factories import approved, assert_refused, build_office, forwarded, messages_of, part

from disclose.casework import services
from disclose.casework.deadlines import deadlines_for
from disclose.casework.models import Request, StaffNotification
from disclose.records.models import CaseNote, Holding


@pytest.fixture
def office(db):
    return build_office()


def _with_files_out(office):
    request = approved(office, office.closed_case(paper=True), office.csm_t1)
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="verified"
    )
    holding = Holding.objects.get(person=part(request).person)
    services.request_paper_files(actor=office.sw_t1, request=request, holding=holding)
    services.retrieve_files(actor=office.bs, request=request, holding=holding)
    return request, holding


def test_withdrawal_ends_the_open_part_tells_its_holder_and_the_requestor(office):
    request, _ = _with_files_out(office)
    services.withdraw(actor=office.scimt, request=request, reason="Case closed by the court.")
    request = Request.objects.get(pk=request.pk)
    ended = part(request)
    assert (request.state, ended.state, ended.ended_because) == ("withdrawn", "ended", "withdrawn")
    assert request.withdraw_reason == "Case closed by the court."
    (message,) = messages_of(request, "withdrawal_acknowledged")
    assert "will send you nothing more" in message.text
    told = StaffNotification.objects.get(kind="task_withdrawn")
    assert told.staff == office.sw_t1 and "Case closed by the court." in told.text
    assert "withdrew request" in CaseNote.objects.filter(person=ended.person).last().text
    assert not [d for d in deadlines_for(request) if d.open]


def test_a_withdrawn_request_closes_only_once_its_files_are_back_in_storage(office):
    request, holding = _with_files_out(office)
    services.withdraw(actor=office.sw_t1, request=request, reason="No longer needed.")
    refused = assert_refused(
        "files_not_returned", services.close, actor=office.sw_t1, request=request
    )
    assert refused.paragraph == "2.1.3.5"
    services.return_files(actor=office.bs, request=request, holding=holding)
    services.close(actor=office.sw_t1, request=request)
    request = Request.objects.get(pk=request.pk)
    assert (request.state, request.closed_because) == ("closed", "withdrawn")


def test_a_part_already_supplied_stays_supplied_and_nothing_more_is_sent(office):
    request = forwarded(office, office.open_case(worker=office.sw_t1), office.closed_case())
    services.supply_information(actor=office.sw_t1, request=request, summary="Dates.", subject=1)
    services.withdraw(actor=office.scimt, request=request, reason="No longer needed.")
    assert [p.state for p in request.subjects.order_by("number")] == ["supplied", "ended"]
    assert_refused(
        "wrong_state",
        services.decide,
        actor=office.csm_t1,
        request=request,
        decision="approve",
        reason=".",
    )
    sent = [m.kind for m in messages_of(request)]
    assert sent[-1] == "withdrawal_acknowledged" and sent.count("withdrawal_acknowledged") == 1


def test_a_withdrawal_needs_a_reason_and_changes_nothing_without_one(office):
    request = forwarded(office, office.closed_case())
    assert_refused(
        "reason_required", services.withdraw, actor=office.scimt, request=request, reason=" "
    )
    assert Request.objects.get(pk=request.pk).state == "forwarded"
