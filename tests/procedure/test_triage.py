"""Section 1: what the procedure does not cover goes elsewhere at once."""

from disclose.procedure.triage import triage

from .builders import request


def test_a_specific_request_for_information_is_inside_the_procedure():
    assert triage(request()) is None


def test_own_records_go_to_the_complaints_and_information_team_section_1():
    decision = triage(request(kind="own_records"))
    assert decision.route == "redirect:subject_access"
    assert decision.paragraph == "1"
    assert "Complaints and Information Team" in decision.rationale
    assert decision.message_kind == "redirect_subject_access"


def test_own_adoption_records_go_to_the_adoption_records_manager_section_1():
    decision = triage(request(kind="own_adoption_records"))
    assert decision.route == "redirect:adoption_records"
    assert "Adoption Records Manager" in decision.rationale


def test_a_request_to_view_records_goes_to_that_procedure_section_1():
    decision = triage(request(kind="view_records"))
    assert decision.route == "redirect:view_records"
    assert "Requests to View Records" in decision.rationale


def test_a_broad_request_is_advised_to_view_instead_section_1():
    decision = triage(request(extent="extensive"))
    assert decision.route == "advise:view_records"
    assert decision.message_kind == "advise_view_records"


def test_an_ofsted_school_incident_notification_goes_to_support_to_schools_2_4():
    decision = triage(request(kind="school_incident_notification", agency="ofsted"))
    assert decision.route == "redirect:support_to_schools"
    assert decision.paragraph == "2.4"


def test_own_records_are_redirected_even_when_the_request_is_also_broad():
    assert (
        triage(request(kind="own_records", extent="extensive")).route == "redirect:subject_access"
    )
