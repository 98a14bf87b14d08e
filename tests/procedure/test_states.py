"""The state machine: who may take each step, when. Deny by default."""

from disclose.procedure import states as s
from disclose.procedure.states import Actor, Part, check_close, check_step

SCIMT = Actor("scimt1", frozenset({"scimt_officer"}))
CSM = Actor("csm1", frozenset({"csm"}))
WORKER = Actor("sw1", frozenset({"social_worker"}))
ADMIN = Actor("admin", frozenset({"admin"}))


def test_an_unknown_step_is_refused():
    assert check_step("print_everything", SCIMT, request_state=s.RECEIVED).code == "unknown_step"


def test_an_administrator_cannot_take_procedure_steps():
    """Only recording a leaver and moving work, which keep requests from getting stuck."""
    theirs = {verb for verb, spec in s.STEPS.items() if "admin" in spec.roles}
    assert theirs == {"staff_leaves", "reassign"}
    for verb in set(s.STEPS) - theirs:
        assert check_step(verb, ADMIN, request_state=s.RECEIVED).code == "not_permitted_for_role"


def test_the_scimt_verifies_identity_on_a_new_request_section_1():
    assert check_step("verify_identity", SCIMT, request_state=s.RECEIVED) is None


def test_nothing_is_shared_before_identity_is_verified_section_1():
    for state in (s.RECEIVED, s.IDENTITY_NOT_VERIFIED):
        refusal = check_step("share_basic_information", SCIMT, request_state=state)
        assert refusal.code == "identity_not_verified"
        assert check_step("forward", SCIMT, request_state=state).code == "identity_not_verified"


def test_a_social_worker_cannot_forward_a_request():
    refusal = check_step("forward", WORKER, request_state=s.IDENTITY_VERIFIED)
    assert refusal.code == "not_permitted_for_role"
    assert "scimt officer" in refusal.message


def test_only_the_csm_holding_the_part_may_decide_2_1_2_1():
    part = Part(s.AWAITING_DECISION, assignee="someone_else", route="closed_paper:dcpt_csm")
    refusal = check_step("decide", CSM, request_state=s.FORWARDED, part=part)
    assert refusal.code == "not_assigned_to_you"
    mine = Part(s.AWAITING_DECISION, assignee="csm1", route="closed_paper:dcpt_csm")
    assert check_step("decide", CSM, request_state=s.FORWARDED, part=mine) is None


def test_a_decided_part_cannot_be_decided_again():
    part = Part(s.AWAITING_ALLOCATION, assignee="csm1")
    assert check_step("decide", CSM, request_state=s.FORWARDED, part=part).code == "wrong_state"


def test_a_step_in_the_wrong_state_says_where_it_stands_in_the_words_on_its_tag():
    part = Part(s.AWAITING_ALLOCATION, assignee="csm1")
    refusal = check_step("decide", CSM, request_state=s.FORWARDED, part=part)
    assert refusal.message == (
        "You cannot do this now. This part is 'Waiting to be allocated'. "
        "Next: allocate to a social worker."
    )
    refusal = check_step("verify_identity", SCIMT, request_state=s.CLOSED)
    assert refusal.message == "You cannot do this now. The request is 'Closed'."


def test_a_wrong_state_refusal_on_a_closed_case_says_to_check_identity_again_2_1_2_2():
    """What comes next there is the worker's second check, as My work says it
    (steps.needed_next), not supplying straight away."""
    part = Part(s.ALLOCATED, assignee="csm1", route="closed_paper:last_team_csm")
    refusal = check_step("decide", CSM, request_state=s.FORWARDED, part=part)
    assert refusal.code == "wrong_state"
    assert refusal.message.endswith("Next: check the requestor's identity again, then supply.")
    on_an_open_case = Part(s.ALLOCATED, assignee="csm1", route="open:allocated_worker")
    refusal = check_step("decide", CSM, request_state=s.FORWARDED, part=on_an_open_case)
    assert "identity" not in refusal.message and "Next: " in refusal.message


def test_no_wrong_state_refusal_shows_a_state_code():
    """Every step, from every request state and every part state: a refusal
    for the state names it as staff see it (states.py), never by its code."""
    anyone = Actor("anyone", frozenset(s.ROLES))
    for verb in s.STEPS:
        for request_state in s.REQUEST_STATES:
            for part_state in s.PART_STATES:
                part = Part(part_state, assignee="anyone", route="open:allocated_worker")
                refusal = check_step(verb, anyone, request_state=request_state, part=part)
                if refusal is None or refusal.code != "wrong_state":
                    continue
                codes = [c for c in (request_state, part_state) if "_" in c]
                for code in codes:
                    assert code not in refusal.message, (verb, refusal.message)
                    assert code.replace("_", " ") not in refusal.message, (verb, refusal.message)
                if request_state == s.WITHDRAWN:
                    continue  # its own words: nothing more is done (test_endings.py)
                shown = s.REQUEST_STATE_WORDS[request_state], s.PART_STATE_WORDS[part_state]
                assert any(f"'{w.staff}'" in refusal.message for w in shown), refusal.message


def test_the_worker_must_verify_identity_again_before_supplying_a_closed_case_2_1_2_2():
    part = Part(s.ALLOCATED, assignee="sw1", route="closed_electronic:last_team_csm")
    refusal = check_step("supply_information", WORKER, request_state=s.FORWARDED, part=part)
    assert refusal.code == "identity_not_verified"
    verified = Part(s.IDENTITY_REVERIFIED, assignee="sw1", route="closed_electronic:last_team_csm")
    assert (
        check_step("supply_information", WORKER, request_state=s.FORWARDED, part=verified) is None
    )


def test_the_current_worker_supplies_an_open_case_without_a_second_check_2_1_1():
    part = Part(s.ALLOCATED, assignee="sw1", route="open:allocated_worker")
    assert check_step("supply_information", WORKER, request_state=s.FORWARDED, part=part) is None


def test_parts_start_where_the_route_sends_them_2_1():
    assert s.state_after_forward("closed_paper:dcpt_csm") == s.AWAITING_DECISION
    assert s.state_after_forward("open:allocated_worker") == s.ALLOCATED
    assert s.state_after_forward("open:unallocated") == s.AWAITING_ALLOCATION
    assert s.state_after_forward("ofsted:contact_mash") == s.COMPLETE
    assert s.state_after_forward("not_known") == s.COMPLETE


def test_an_approval_goes_to_allocation_and_a_decline_ends_the_part_2_1_2_1():
    assert s.state_after_decision("approve") == s.AWAITING_ALLOCATION
    assert s.state_after_decision("decline") == s.DECLINED


def test_a_request_cannot_close_with_a_part_in_progress():
    assert check_close([s.SUPPLIED, s.AWAITING_DECISION], files_out=0).code == "parts_outstanding"


def test_a_request_cannot_close_while_its_files_are_out_2_1_3_5():
    assert check_close([s.SUPPLIED], files_out=1).code == "files_not_returned"
    assert check_close([s.SUPPLIED, s.DECLINED, s.COMPLETE], files_out=0) is None


def test_a_closed_request_takes_no_more_steps():
    for verb in ("verify_identity", "forward", "close"):
        refusal = check_step(verb, SCIMT, request_state=s.CLOSED)
        assert refusal.code == "wrong_state"
