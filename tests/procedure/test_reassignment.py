"""Staff who leave, and work that moves (scenario contract, December 2026)."""

from disclose.procedure import reassignment as moves
from disclose.procedure import states as s
from disclose.procedure.case import PartFacts
from disclose.procedure.states import Actor, Part, check_step

WORKER = Actor("sw1", frozenset({"social_worker"}))
LEFT = Actor("sw_gone", frozenset(), active=False)
TM = Actor("tm1", frozenset({"team_manager"}), teams=frozenset({"7"}))
CSM = Actor("csm1", frozenset({"csm"}))
ADMIN = Actor("admin1", frozenset({"admin"}))


def part(state=s.ALLOCATED, team="7", active=True, assignee="sw1") -> PartFacts:
    return PartFacts(
        number=1, state=state, assignee=assignee, assignee_team=team, assignee_active=active
    )


def test_someone_who_has_left_takes_no_step_at_all():
    allocated = Part(s.ALLOCATED, assignee="sw_gone", route="open:allocated_worker")
    for verb in s.STEPS:
        refusal = check_step(verb, LEFT, request_state=s.FORWARDED, part=allocated)
        assert refusal.code == "staff_inactive", verb
    assert "ask an administrator" in refusal.message


def test_having_left_is_said_before_anything_else_even_with_their_roles_kept():
    left_worker = Actor("sw1", frozenset({"social_worker"}), active=False)
    mine = Part(s.ALLOCATED, assignee="sw1", route="open:allocated_worker")
    refusal = check_step("supply_information", left_worker, request_state=s.FORWARDED, part=mine)
    assert refusal.code == "staff_inactive"


def test_only_an_administrator_records_that_someone_has_left():
    assert check_step("staff_leaves", ADMIN, request_state="") is None
    for actor in (WORKER, TM, CSM):
        assert check_step("staff_leaves", actor, request_state="").code == "not_permitted_for_role"


def test_leaving_twice_is_refused():
    assert moves.check_leaving(already_left=False, name="Sol") is None
    assert moves.check_leaving(already_left=True, name="Sol").code == "already_done"


def test_the_role_a_part_needs_follows_its_stage():
    assert moves.role_for_stage(s.AWAITING_DECISION) == "csm"
    assert moves.role_for_stage(s.AWAITING_ALLOCATION) == "team_manager"
    assert moves.role_for_stage(s.ALLOCATED) == "social_worker"
    assert moves.role_for_stage(s.IDENTITY_REVERIFIED) == "social_worker"
    for done in s.FINISHED_PART_STATES:
        assert moves.role_for_stage(done) is None


def test_a_team_manager_moves_work_of_a_worker_in_their_own_team_only():
    assert moves.check_reassigner(TM, part(team="7")) is None
    assert moves.check_reassigner(TM, part(team="8")).code == "not_your_team"
    assert moves.check_reassigner(TM, part(team=None)).code == "not_your_team"
    # A decision, or work waiting for a team manager, is not a worker's.
    refusal = moves.check_reassigner(TM, part(state=s.AWAITING_DECISION))
    assert refusal.code == "not_permitted_for_role"


def test_a_csm_moves_only_a_decision_held_by_a_csm():
    assert moves.check_reassigner(CSM, part(state=s.AWAITING_DECISION, team="99")) is None
    assert moves.check_reassigner(CSM, part(state=s.ALLOCATED)).code == "not_permitted_for_role"


def test_an_administrator_moves_any_open_part():
    for state in moves.OPEN_PART_STATES:
        assert moves.check_reassigner(ADMIN, part(state=state, team="42")) is None


def test_sickness_is_the_same_step_the_holder_need_not_have_left():
    assert moves.check_reassigner(TM, part(active=True)) is None
    assert moves.check_reassigner(TM, part(active=False)) is None


def test_the_new_holder_holds_the_role_the_part_needs_now():
    def check(state, roles, active=True, to="sw2"):
        return moves.check_new_holder(
            state=state, holder="sw1", to=to, to_roles=frozenset(roles), to_active=active
        )

    assert check(s.ALLOCATED, {"social_worker"}) is None
    assert check(s.ALLOCATED, {"csm"}).code == "wrong_role_for_stage"
    assert check(s.AWAITING_DECISION, {"social_worker"}).code == "wrong_role_for_stage"
    assert "children's service manager" in check(s.AWAITING_DECISION, {"team_manager"}).message
    assert check(s.AWAITING_ALLOCATION, {"team_manager"}) is None
    assert check(s.SUPPLIED, {"social_worker"}).code == "wrong_role_for_stage"
    assert check(s.ALLOCATED, {"social_worker"}, active=False).code == "staff_inactive"
    assert check(s.ALLOCATED, {"social_worker"}, to="sw1").code == "already_holds_it"


def test_reassign_is_for_open_parts_of_a_forwarded_request():
    closed = Part(s.SUPPLIED, assignee="sw1")
    assert check_step("reassign", ADMIN, request_state=s.FORWARDED, part=closed).code == (
        "wrong_state"
    )
    open_part = Part(s.ALLOCATED, assignee="sw1")
    assert check_step("reassign", ADMIN, request_state=s.FORWARDED, part=open_part) is None
    assert check_step("reassign", WORKER, request_state=s.FORWARDED, part=open_part).code == (
        "not_permitted_for_role"
    )
