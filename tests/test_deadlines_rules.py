"""The procedure's rules for the clock steps (issue 7): the SCIMT officer before
forward, the part's holder after. Pure Python, no database."""

from disclose.procedure.states import (
    ALLOCATED,
    AWAITING_DECISION,
    BASIC_INFORMATION_SHARED,
    CLOSED,
    COMPLETE,
    FORWARDED,
    RECEIVED,
    Actor,
    Part,
    check_step,
)

SCIMT = Actor("scimt1", frozenset({"scimt_officer"}))
CSM = Actor("csm1", frozenset({"csm"}))
WORKER = Actor("sw1", frozenset({"social_worker"}))


def test_the_scimt_officer_may_stop_restart_and_extend_before_forward():
    for verb in ("stop_clock", "restart_clock", "extend"):
        for state in (RECEIVED, BASIC_INFORMATION_SHARED):
            assert check_step(verb, SCIMT, request_state=state) is None


def test_no_one_may_stop_the_whole_requests_clock_after_forward_or_once_closed():
    for state in (FORWARDED, CLOSED):
        assert check_step("stop_clock", SCIMT, request_state=state).code == "wrong_state"


def test_a_worker_may_not_stop_the_clock_at_intake():
    assert check_step("stop_clock", WORKER, request_state=RECEIVED).code == (
        "not_permitted_for_role"
    )


def test_after_forward_only_the_parts_holder_may_stop_restart_or_extend_it():
    held = Part(state=AWAITING_DECISION, assignee="csm1")
    for verb in ("stop_part_clock", "restart_part_clock", "extend_part"):
        assert check_step(verb, CSM, request_state=FORWARDED, part=held) is None
        other = Part(state=AWAITING_DECISION, assignee="csm2")
        refusal = check_step(verb, CSM, request_state=FORWARDED, part=other)
        assert refusal.code == "not_assigned_to_you"
    assert (
        check_step("stop_part_clock", WORKER, request_state=FORWARDED, part=Part(ALLOCATED, "sw1"))
        is None
    )
    assert check_step("stop_part_clock", SCIMT, request_state=FORWARDED, part=held).code == (
        "not_permitted_for_role"
    )


def test_a_finished_part_has_no_clock():
    done = Part(state=COMPLETE, assignee="csm1")
    assert check_step("stop_part_clock", CSM, request_state=FORWARDED, part=done).code == (
        "wrong_state"
    )
