"""Parts that end without information, withdrawal, and broad requests that
wait to be narrowed (issue 12, items 2 and 3): the rules alone, no database."""

import pytest

from disclose.procedure import states as s
from disclose.procedure.case import Case, HoldingFacts, PartFacts
from disclose.procedure.states import Actor
from disclose.procedure.steps import STEPS, refusal

SCIMT = Actor("scimt1", frozenset({"scimt_officer"}))
CSM = Actor("csm1", frozenset({"csm"}))
WORKER = Actor("sw1", frozenset({"social_worker"}))
OTHER_WORKER = Actor("sw2", frozenset({"social_worker"}))
SUPPORT = Actor("bs1", frozenset({"business_support"}))


def _forwarded(*parts: PartFacts, state: str = s.FORWARDED, files_out: int = 0) -> Case:
    return Case(state=state, parts=parts, owner="scimt1", files_out=files_out)


def _held(state: str, number: int = 1, by: str = "sw1") -> PartFacts:
    return PartFacts(number, state, assignee=by, route="closed_paper:dcpt_csm", matched=True)


def test_a_failed_second_identity_check_ends_the_part_and_a_verified_one_goes_on():
    assert s.part_state_after_reverify(False) == s.ENDED
    assert s.part_state_after_reverify(True) == s.IDENTITY_REVERIFIED


def test_an_ended_part_is_finished_so_the_request_may_close():
    assert s.ENDED in s.FINISHED_PART_STATES
    assert s.check_close([s.ENDED, s.SUPPLIED], files_out=0) is None
    assert s.check_close([s.ENDED, s.ALLOCATED], files_out=0).code == "parts_outstanding"


def test_nothing_is_supplied_on_an_ended_part():
    case = _forwarded(_held(s.ENDED))
    assert refusal("supply_information", WORKER, case, case.part(1)).code == "wrong_state"
    assert refusal("reverify_identity", WORKER, case, case.part(1)).code == "wrong_state"


def test_the_holder_of_an_ended_part_closes_the_request_once_every_part_has_ended():
    case = _forwarded(_held(s.ENDED), _held(s.SUPPLIED, 2, by="sw2"))
    assert refusal("close", WORKER, case) is None
    waiting = _forwarded(_held(s.ENDED), _held(s.ALLOCATED, 2, by="sw2"))
    assert refusal("close", WORKER, waiting).code == "parts_outstanding"


@pytest.mark.parametrize("state", s.PART_STATES)
def test_withdrawal_ends_every_part_not_yet_finished(state):
    assert s.ends_on_withdrawal(state) is (state not in s.FINISHED_PART_STATES)


def test_the_scimt_or_a_holder_records_a_withdrawal_and_no_one_else():
    case = _forwarded(_held(s.ALLOCATED))
    assert refusal("withdraw", SCIMT, case) is None
    assert refusal("withdraw", WORKER, case) is None
    assert refusal("withdraw", OTHER_WORKER, case).code == "not_assigned_to_you"
    assert refusal("withdraw", SUPPORT, case).code == "not_permitted_for_role"


def test_a_request_is_withdrawn_once_and_not_once_closed():
    for state in (s.WITHDRAWN, s.CLOSED):
        case = _forwarded(_held(s.ENDED), state=state)
        assert refusal("withdraw", SCIMT, case).code == "wrong_state"


def test_the_scimt_may_record_a_withdrawal_before_forward_and_while_waiting_for_narrowing():
    for state in (s.RECEIVED, s.IDENTITY_VERIFIED, s.AWAITING_NARROWING):
        case = Case(state=state, parts=(PartFacts(1, s.UNMATCHED),), owner="scimt1")
        assert refusal("withdraw", SCIMT, case) is None


def test_after_withdrawal_nothing_more_is_sent():
    case = _forwarded(_held(s.SUPPLIED), state=s.WITHDRAWN)
    for step in ("supply_information", "request_hard_copies", "decide"):
        found = refusal(step, WORKER if step != "decide" else CSM, case, case.part(1))
        assert found.code == "wrong_state" and "withdrawn" in found.message, step
    assert refusal("dispatch_hard_copies", SUPPORT, case).code == "wrong_state"
    before = Case(state=s.WITHDRAWN, parts=(PartFacts(1, s.ENDED, matched=True),))
    assert refusal("share_basic_information", SCIMT, before).code == "wrong_state"
    assert refusal("forward", SCIMT, before).code == "wrong_state"


def test_files_out_come_back_before_a_withdrawn_request_closes_2_1_3_5():
    case = _forwarded(_held(s.ENDED), state=s.WITHDRAWN, files_out=1)
    found = refusal("close", SCIMT, case)
    assert (found.code, found.paragraph) == ("files_not_returned", "2.1.3.5")
    out = HoldingFacts(key=7, last="retrieved")
    assert refusal("return_files", SUPPORT, case, None, out) is None
    assert refusal("close", SCIMT, _forwarded(_held(s.ENDED), state=s.WITHDRAWN)) is None


def test_a_broad_request_waits_only_for_narrowing_or_closing_section_1():
    case = Case(state=s.AWAITING_NARROWING, parts=(PartFacts(1, s.UNMATCHED),), owner="scimt1")
    assert refusal("narrow_request", SCIMT, case) is None
    assert refusal("close", SCIMT, case) is None
    for step in ("verify_identity", "share_basic_information", "forward", "triage"):
        assert refusal(step, SCIMT, case).code == "wrong_state", step
    assert refusal("narrow_request", CSM, case).code == "not_permitted_for_role"


def test_only_a_request_waiting_to_be_narrowed_can_be_narrowed():
    for state in set(s.REQUEST_STATES) - {s.AWAITING_NARROWING}:
        case = Case(state=state, parts=(PartFacts(1, s.UNMATCHED),), owner="scimt1")
        assert refusal("narrow_request", SCIMT, case).code in {"wrong_state"}, state


def test_a_narrowed_request_starts_again_as_a_new_specific_request():
    assert STEPS["narrow_request"].leaves == s.RECEIVED
    extent = next(f for f in STEPS["narrow_request"].fields if f.name == "extent")
    assert extent.codes == ("specific",)


def test_closing_records_why_a_withdrawn_or_unnarrowed_request_closed():
    assert s.closed_because(s.WITHDRAWN) == s.CLOSED_WITHDRAWN
    assert s.closed_because(s.AWAITING_NARROWING) == s.CLOSED_NOT_NARROWED
    assert s.closed_because(s.FORWARDED) == ""


def test_decide_asks_for_a_message_to_the_requestor_apart_from_the_internal_reason():
    fields = {f.name: f for f in STEPS["decide"].fields}
    assert fields["reason"].required and not fields["message_to_requestor"].required
    assert "never sent" in fields["reason"].hint
