"""Hard copies as pure rules (2.2 and the note at the end of section 1)."""

from disclose.procedure import hard_copies as hc
from disclose.procedure import states as s
from disclose.procedure.states import Actor, Part

WORKER = Actor("sw1", frozenset({"social_worker"}))
CSM = Actor("csm1", frozenset({"csm"}))
BS = Actor("bs1", frozenset({"business_support"}))
SUPPLIED = Part(s.SUPPLIED, assignee="sw1", route="closed_paper:last_team_csm")


def item(title, status=hc.APPROVED, third_party=False, confirmed=None, key=None):
    return hc.ItemFacts(title, status, third_party, confirmed, key)


def test_hard_copies_cannot_be_asked_for_before_the_information_is_supplied():
    for state in (s.ALLOCATED, s.IDENTITY_REVERIFIED, s.AWAITING_DECISION, s.DECLINED):
        part = Part(state, assignee="sw1", route="closed_paper:last_team_csm")
        refusal = hc.check_hard_copy_step(
            "request_hard_copies", WORKER, request_state=s.FORWARDED, part=part
        )
        assert refusal.code == "information_not_yet_shared"


def test_hard_copies_cannot_be_asked_for_while_the_request_is_at_intake():
    refusal = hc.check_hard_copy_step(
        "request_hard_copies", WORKER, request_state=s.BASIC_INFORMATION_SHARED, part=SUPPLIED
    )
    assert refusal.code == "information_not_yet_shared"


def test_the_worker_may_ask_once_supplied_even_after_the_request_has_closed():
    for state in (s.FORWARDED, s.CLOSED):
        assert (
            hc.check_hard_copy_step(
                "request_hard_copies", WORKER, request_state=state, part=SUPPLIED
            )
            is None
        )


def test_only_the_worker_holding_the_part_asks():
    other = Part(s.SUPPLIED, assignee="sw2", route="open:allocated_worker")
    refusal = hc.check_hard_copy_step(
        "request_hard_copies", WORKER, request_state=s.FORWARDED, part=other
    )
    assert refusal.code == "not_assigned_to_you"


def test_a_role_outside_the_step_is_refused_before_anything_else():
    part = Part(s.ALLOCATED, assignee="sw1")
    refusal = hc.check_hard_copy_step(
        "decide_hard_copies", BS, request_state=s.FORWARDED, part=part
    )
    assert refusal.code == "not_permitted_for_role"


def test_only_business_support_dispatch():
    assert hc.check_hard_copy_step("dispatch_hard_copies", BS, request_state=s.FORWARDED) is None
    refusal = hc.check_hard_copy_step("dispatch_hard_copies", WORKER, request_state=s.FORWARDED)
    assert refusal.code == "not_permitted_for_role"


def test_police_asking_for_hard_copies_go_to_legal_services_and_no_one_else_does():
    assert hc.goes_to_legal_services("police")
    for agency in ("cafcass", "health", "probation", "social_care", "ofsted", "other"):
        assert not hc.goes_to_legal_services(agency)


def test_on_a_closed_case_the_csm_who_approved_the_sharing_approves_hard_copies():
    approver = hc.approving_csm(
        route="closed_electronic:dcpt_csm", decided_by="csm_d", team_csm="csm_t1", team_name="T1"
    )
    assert approver.ref == "csm_d" and approver.problem is None
    assert "section 1" in approver.rationale


def test_on_an_open_case_the_csm_of_the_team_holding_it_approves():
    approver = hc.approving_csm(
        route="open:allocated_worker", decided_by=None, team_csm="csm_t1", team_name="Team 1"
    )
    assert approver.ref == "csm_t1" and "2.1.1" in approver.rationale


def test_an_open_case_whose_team_has_no_csm_has_a_problem_to_fix():
    approver = hc.approving_csm(
        route="open:unallocated", decided_by=None, team_csm=None, team_name="Team 1"
    )
    assert approver.ref is None and "Team 1" in approver.problem


def test_another_csm_is_told_who_must_decide():
    refusal = hc.check_approver("csm_other", "csm_d", "Dana Manager")
    assert refusal.code == "not_the_approving_csm" and "Dana Manager" in refusal.message
    assert hc.check_approver("csm_d", "csm_d", "Dana Manager") is None


def test_reassigning_is_only_for_an_approving_csm_who_has_left_to_a_csm_with_a_reason():
    in_post = hc.check_reassign(
        approver_active=True, approver_name="Dana", to_is_csm=True, reason="Left"
    )
    assert in_post.code == "approving_csm_in_post"
    not_csm = hc.check_reassign(
        approver_active=False, approver_name="Dana", to_is_csm=False, reason="Left"
    )
    assert not_csm.code == "not_a_csm"
    no_reason = hc.check_reassign(
        approver_active=False, approver_name="Dana", to_is_csm=True, reason=" "
    )
    assert no_reason.code == "reason_required"
    assert (
        hc.check_reassign(
            approver_active=False, approver_name="Dana", to_is_csm=True, reason="Dana left."
        )
        is None
    )


def test_nothing_is_sent_before_a_csm_approves():
    plan = hc.plan_dispatch([item("Plan", hc.AWAITING_APPROVAL), item("Report", hc.REFUSED)])
    assert plan.refusal.code == "hard_copies_not_approved" and plan.send == ()


def test_unconfirmed_third_party_items_are_withheld_while_the_rest_go():
    plan = hc.plan_dispatch(
        [
            item("Plan", key=1),
            item("Police report", third_party=True, key=2),
            item("Health report", third_party=True, confirmed=True, key=3),
        ]
    )
    assert plan.refusal is None
    assert [i.key for i in plan.send] == [1, 3]
    assert [i.key for i in plan.withhold] == [2]


def test_sending_only_unconfirmed_third_party_items_is_refused():
    plan = hc.plan_dispatch([item("Police report", third_party=True)])
    assert plan.refusal.code == "third_party_not_confirmed"
    assert "Police report" in plan.refusal.message


def test_a_withheld_item_goes_once_confirmed_and_sent_or_declined_items_never_go():
    plan = hc.plan_dispatch(
        [
            item("Police report", hc.WITHHELD, third_party=True, confirmed=True, key=1),
            item("Plan", hc.DISPATCHED, key=2),
            item("Health report", hc.THIRD_PARTY_DECLINED, third_party=True, confirmed=False),
        ]
    )
    assert [i.key for i in plan.send] == [1] and plan.withhold == ()


def test_only_third_party_items_not_yet_sent_can_be_confirmed():
    assert hc.check_confirmable(item("Plan")).code == "not_third_party"
    sent = item("Report", hc.DISPATCHED, third_party=True, confirmed=True)
    assert hc.check_confirmable(sent).code == "wrong_state"
    for status in (hc.AWAITING_APPROVAL, hc.APPROVED, hc.WITHHELD):
        assert hc.check_confirmable(item("Report", status, third_party=True)) is None


def test_every_hard_copy_step_is_in_the_state_machine():
    for verb in (
        "request_hard_copies",
        "decide_hard_copies",
        "reassign_hard_copy_approval",
        "confirm_third_party",
        "attach_hard_copy_file",
        "dispatch_hard_copies",
    ):
        assert s.STEPS[verb].paragraph == "2.2"


def test_on_withdrawal_only_what_still_waits_is_withdrawn():
    # Waiting on the CSM's decision, or on business support to send: withdrawn.
    waiting = {hc.AWAITING_APPROVAL, hc.APPROVED, hc.WITHHELD}
    for status in hc.ITEM_STATUSES:
        assert hc.item_ends_on_withdrawal(status) is (status in waiting), status
    # A list's decision, once given, stands; only an undecided list is withdrawn.
    for state in hc.LIST_STATES:
        assert hc.list_ends_on_withdrawal(state) is (state == hc.AWAITING_APPROVAL), state
    assert hc.WITHDRAWN in hc.ITEM_STATUSES and hc.WITHDRAWN in hc.LIST_STATES
    assert not hc.plan_dispatch([hc.ItemFacts("CP plan", hc.WITHDRAWN, False, None)]).send
