"""Requests made directly to the allocated worker (section 1)."""

from disclose.procedure import direct_requests as direct
from disclose.procedure import states as s
from disclose.procedure.states import Actor, Part, check_step

SCIMT = Actor("scimt1", frozenset({"scimt_officer"}))
WORKER = Actor("sw1", frozenset({"social_worker"}))
MANAGER = Actor("tm1", frozenset({"team_manager"}))


def test_the_scimt_and_a_social_worker_may_log_a_request_nobody_else():
    assert direct.check_logger(SCIMT) is None
    assert direct.check_logger(WORKER) is None
    for roles in ({"team_manager"}, {"csm"}, {"business_support"}, {"admin"}, set()):
        refusal = direct.check_logger(Actor("x", frozenset(roles)))
        assert refusal.code == "not_permitted_for_role" and "SCIMT" in refusal.message
    left = Actor("sw9", frozenset({"social_worker"}), active=False)
    assert direct.check_logger(left).code == "staff_inactive"


def test_a_worker_logs_only_about_their_own_open_allocated_cases():
    assert direct.logs_directly(WORKER) and not direct.logs_directly(SCIMT)
    both = Actor("x", frozenset({"social_worker", "scimt_officer"}))
    assert not direct.logs_directly(both)  # the SCIMT's way, for any request
    assert direct.check_direct(WORKER, [("open:allocated_worker", "sw1")]) is None
    for routes in (
        [("open:allocated_worker", "sw2")],  # someone else's case
        [("open:unallocated", None)],
        [("closed_electronic:last_team_csm", "csm1")],
        [("not_known", None)],
        [("open:allocated_worker", "sw1"), ("open:allocated_worker", "sw2")],
    ):
        assert direct.check_direct(WORKER, routes).code == "not_your_open_case", routes


def test_nothing_is_supplied_before_the_worker_has_checked_who_asked():
    unchecked = Part(s.ALLOCATED, "sw1", "open:allocated_worker", identity_checked=False)
    refusal = check_step("supply_information", WORKER, request_state=s.FORWARDED, part=unchecked)
    assert refusal.code == "identity_not_verified"
    checked = Part(s.IDENTITY_REVERIFIED, "sw1", "open:allocated_worker", identity_checked=False)
    assert check_step("supply_information", WORKER, request_state=s.FORWARDED, part=checked) is None
    # The SCIMT checked it before forwarding: the worker supplies (2.1.1).
    scimt_checked = Part(s.ALLOCATED, "sw1", "open:allocated_worker")
    assert (
        check_step("supply_information", WORKER, request_state=s.FORWARDED, part=scimt_checked)
        is None
    )
    assert (
        check_step("reverify_identity", WORKER, request_state=s.FORWARDED, part=unchecked) is None
    )
