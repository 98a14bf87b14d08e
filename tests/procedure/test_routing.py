"""Section 2: each subject is routed to the one person who deals with it."""

from datetime import date

from disclose.procedure.routing import route_subject

from .builders import COUNCIL, DCPT_B, MASH, closed, open_, request, subject, team


def route(subj, req=None, council=COUNCIL):
    return route_subject(subj, req or request(), council)


def test_a_subject_not_known_is_routed_not_known_and_the_requestor_told():
    decision = route(subject(known=False))
    assert decision.route == "not_known"
    assert decision.message_kind == "not_known"
    assert decision.assignee is None


def test_an_open_allocated_case_goes_to_the_current_worker_2_1_1():
    decision = route(subject(open_(worker="sw1")))
    assert decision.route == "open:allocated_worker"
    assert decision.paragraph == "2.1.1"
    assert decision.assignee == "sw1"
    assert decision.message_kind == "worker_details"


def test_an_open_unallocated_case_goes_to_the_team_manager_of_the_team_holding_it():
    decision = route(subject(open_(worker=None)))
    assert decision.route == "open:unallocated"
    assert decision.assignee == "tm_t1"
    assert decision.team == "T1"


def test_an_open_episode_outweighs_older_closed_ones_2_1_1():
    gone = team("OLD", active=False)
    decision = route(subject(closed(gone), open_(worker="sw1"), holdings=["paper"]))
    assert decision.route == "open:allocated_worker"


def test_a_closed_electronic_case_goes_to_the_csm_of_the_last_team_2_1_2():
    decision = route(subject(closed(team("T1"))))
    assert decision.route == "closed_electronic:last_team_csm"
    assert decision.paragraph == "2.1.2"
    assert decision.assignee == "csm_t1"
    assert decision.team == "T1"


def test_the_last_team_is_where_the_case_was_most_recently_allocated_2_1_2():
    older = closed(team("T1"), start=date(2001, 1, 1), end=date(2002, 1, 1))
    newer = closed(team("T2", csm="csm_t2"), start=date(2010, 1, 1), end=date(2012, 1, 1))
    assert route(subject(newer, older)).assignee == "csm_t2"


def test_a_closed_case_whose_team_is_gone_goes_to_the_dcpt_csm_of_its_locality_2_1_2():
    decision = route(subject(closed(team("T1", active=False, locality="Bassetlaw"))))
    assert decision.route == "closed_electronic:dcpt_csm"
    assert decision.assignee == "csm_d"
    assert decision.team == "DCPT-B"


def test_a_mash_enquiry_only_goes_to_the_mash_csm_2_1_2():
    decision = route(subject(mash_contacts=1))
    assert decision.route == "closed_mash_only:mash_csm"
    assert decision.assignee == MASH.csm


def test_a_closed_case_with_paper_files_goes_to_the_last_team_csm_2_1_3():
    decision = route(subject(closed(team("T1")), holdings=["paper"]))
    assert decision.route == "closed_paper:last_team_csm"
    assert decision.paragraph == "2.1.3"


def test_a_closed_case_with_microfilm_and_its_team_gone_goes_to_the_dcpt_csm_2_1_3():
    decision = route(subject(closed(team("T1", active=False)), holdings=["microfilm"]))
    assert decision.route == "closed_paper:dcpt_csm"
    assert decision.assignee == DCPT_B.csm


def test_no_dcpt_for_the_locality_is_a_problem_not_a_guess():
    decision = route(subject(closed(team("T1", active=False, locality="Gedling"))))
    assert decision.route == "closed_electronic:dcpt_csm"
    assert decision.assignee is None
    assert "No current DCPT is recorded for Gedling" in decision.problem


def test_a_team_with_no_csm_recorded_is_a_problem():
    decision = route(subject(closed(team("T1", csm=None))))
    assert decision.assignee is None
    assert "No CSM is recorded" in decision.problem


def test_ofsted_asking_about_an_open_allocated_case_gets_the_workers_details_2_3():
    decision = route(subject(open_(worker="sw1")), request(agency="ofsted"))
    assert decision.route == "ofsted:worker_details"
    assert decision.paragraph == "2.3"


def test_ofsted_asking_about_a_closed_case_is_asked_to_contact_the_mash_2_3():
    decision = route(subject(closed()), request(agency="ofsted"))
    assert decision.route == "ofsted:contact_mash"
    assert decision.message_kind == "contact_mash"


def test_ofsted_asking_about_someone_not_known_is_told_so_2_3():
    decision = route(subject(known=False), request(agency="ofsted"))
    assert decision.route == "not_known"
    assert decision.paragraph == "2.3"


def test_every_decision_explains_itself():
    decision = route(subject(closed()))
    assert decision.paragraph and decision.rationale.endswith(".")


def test_a_known_person_with_no_episode_or_contact_is_a_problem_not_a_guess():
    decision = route(subject())
    assert decision.assignee is None
    assert "no episode and no contact" in decision.problem
