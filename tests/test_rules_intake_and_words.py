"""Issue 12, item 7: intake and the words sent, read again against the procedure
(section 1, 2.1.3.2-2.1.3.3, 2.2, 2.4)."""

from pathlib import Path

import pytest
from casework_factories import (
    assert_refused,
    build_office,
    forwarded,
    make_staff,
    messages_of,
    receive,
    verified_and_matched,
)
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from hard_copy_factories import ITEMS, supplied

from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import StaffNotification
from disclose.council.checks import support_to_schools_recipient
from disclose.council.models import CouncilProfile
from disclose.outbox.models import Outgoing
from disclose.scenarios.parse import ScenarioInvalid, parse_text

pytestmark = pytest.mark.django_db
SCHOOLS = Path(__file__).parent / "scenarios" / "school-incident-names-no-child.yaml"


@pytest.fixture
def office(db):
    return build_office()


def _profile(**fields) -> CouncilProfile:
    profile = CouncilProfile.current()
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


# --- 2.4: school-incident notifications -------------------------------------


def test_a_school_incident_notification_may_name_no_child(office):
    make_staff("gm1", "support_to_schools_manager")
    request = services.receive_request(
        actor=office.scimt,
        channel="email",
        requestor_name="Ofsted Inspector",
        requestor_agency="ofsted",
        consent=True,
        details="An incident at a school. No child named.",
        subjects=[],
        kind="school_incident_notification",
    )
    assert request.state == "closed" and request.subjects.count() == 0
    assert request.outcome_route == "redirect:support_to_schools"
    (message,) = messages_of(request, "redirect_support_to_schools")
    assert "We have passed your notification on" in message.text
    assert "Send it to them" not in message.text  # one message, one instruction


def test_a_school_incident_notification_comes_only_from_ofsted(office):
    with pytest.raises(StepRefused) as refused:
        receive(office, None, kind="school_incident_notification", requestor_agency="police")
    assert (refused.value.code, refused.value.paragraph) == ("not_from_ofsted", "2.4")


def test_a_scenario_file_with_a_school_notification_not_from_ofsted_is_invalid():
    text = SCHOOLS.read_text().replace("agency: ofsted", "agency: police")
    with pytest.raises(ScenarioInvalid) as invalid:
        parse_text(text, "schools.yaml")
    assert "request.kind" in str(invalid.value) and "only from Ofsted" in str(invalid.value)


def test_the_profiles_support_to_schools_address_receives_the_notification(office):
    _profile(support_to_schools_email="schools@council.example")
    request = receive(office, None, kind="school_incident_notification", requestor_agency="ofsted")
    sent = [
        item.payload
        for item in Outgoing.objects.filter(request_reference=request.reference)
        if item.payload["to"] == ["schools@council.example"]
    ]
    assert len(sent) == 1 and "incident in a school" in sent[0]["body"]


def test_disclose_check_fails_when_nobody_would_receive_a_school_notification(office):
    _profile(support_to_schools_email="")
    (error,) = support_to_schools_recipient()
    assert error.id == "disclose.E001" and error.is_serious()
    with pytest.raises(SystemCheckError) as failed:
        call_command("check")
    assert "disclose.E001" in str(failed.value) and "Support to Schools" in str(failed.value)
    # Only `disclose check` fails: the worker, a restore or a migration still run.
    assert "disclose.E001" not in {m.id for m in run_checks(tags=["disclose"])}


def test_disclose_check_passes_with_a_recipient_named(office):
    _profile(support_to_schools_email="schools@council.example")
    assert support_to_schools_recipient() == []
    _profile(support_to_schools_email="")
    make_staff("gm1", "support_to_schools_manager")
    assert support_to_schools_recipient() == []


# --- 2.1.3.2 before 2.1.3.3 --------------------------------------------------


def test_the_worker_checks_identity_again_before_asking_for_paper_files(office):
    person = office.closed_case(paper=True)
    request = forwarded(office, person)
    services.decide(actor=office.csm_t1, request=request, decision="approve", reason="Fine.")
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    holding = person.holdings.get()
    refusal = assert_refused(
        "identity_not_verified",
        services.request_paper_files,
        actor=office.sw_t1,
        request=request,
        holding=holding,
    )
    assert refusal.paragraph == "2.1.3.2" and "Verify the requestor's identity again" in (
        refusal.message
    )
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="verified"
    )
    services.request_paper_files(actor=office.sw_t1, request=request, holding=holding)


# --- emails are signed by whoever sends them ---------------------------------


def test_a_message_from_the_worker_is_signed_by_the_worker_with_role_and_team(office):
    office.sw_t1.job_title = ""
    office.sw_t1.email = "sol.worker@council.example"
    office.sw_t1.save()
    request = forwarded(office, office.open_case(worker=office.sw_t1))
    services.supply_information(actor=office.sw_t1, request=request, summary="The plan.")
    (message,) = messages_of(request, "information_supplied")
    signature = message.text.split("Yours sincerely,")[1]
    assert office.sw_t1.display_name in signature
    assert "Social worker" in signature and office.t1.name in signature
    assert "sol.worker@council.example" in signature
    assert "Safeguarding Children Information Management Team" not in signature


def test_a_message_from_the_scimt_is_signed_by_the_officer_for_the_scimt(office):
    request = verified_and_matched(office, office.closed_case())
    services.share_basic_information(actor=office.scimt, request=request)
    (message,) = messages_of(request, "basic_information")
    signature = message.text.split("Yours sincerely,")[1]
    assert office.scimt.display_name in signature and "SCIMT" in signature
    assert "01623 433177" in signature  # the officer has no number of their own


# --- 2.2: the police are given Legal Services' details -----------------------


def test_the_police_hard_copy_email_gives_legal_services_contact_details(office):
    _profile(legal_services_phone="0115 977 0000", legal_services_email="legal@council.example")
    request = supplied(office, requestor_agency="police")
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS[:1])
    (message,) = messages_of(request, "contact_legal_services")
    assert "0115 977 0000" in message.text and "legal@council.example" in message.text


def test_without_legal_services_details_the_police_are_told_how_to_reach_them(office):
    _profile(legal_services_phone="", legal_services_email="")
    request = supplied(office, requestor_agency="police")
    services.request_hard_copies(actor=office.sw_t1, request=request, items=ITEMS[:1])
    (message,) = messages_of(request, "contact_legal_services")
    assert "call us and we will put you in touch" in message.text


# --- section 1: the requestor's relationship to the people asked about -------


def test_the_relationship_to_the_people_asked_about_is_recorded_at_intake(office):
    request = receive(
        office, office.closed_case(), requestor_relationship="Social worker for the mother."
    )
    assert request.requestor_relationship == "Social worker for the mother."


def test_the_relationship_is_asked_on_the_intake_form_and_in_a_scenario_file(office, client):
    client.force_login(office.scimt)
    page = client.get("/requests/new/").content.decode()
    assert "What is their relationship to the people the request is about?" in page
    text = SCHOOLS.read_text().replace(
        "  details:", "  requestor_relationship: Inspector for the school.\n  details:"
    )
    assert parse_text(text, "schools.yaml").request.requestor_relationship == (
        "Inspector for the school."
    )


def test_a_task_email_to_staff_is_signed_by_whoever_sent_it(office):
    request = forwarded(office, office.closed_case())
    services.decide(actor=office.csm_t1, request=request, decision="approve", reason="Fine.")
    note = StaffNotification.objects.get(staff=office.tm_t1, kind="task_approved")
    signed = note.text.split("act on it.")[1]
    assert office.csm_t1.display_name in signed and "Children's service manager" in signed
    assert office.t1.name in signed and "SCIMT" not in signed
