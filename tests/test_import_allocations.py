"""Where a case was last allocated, as routing reads it (procedure 1.1-1.3)."""

import shutil
from pathlib import Path

import pytest

from disclose.records.importer import import_extract
from disclose.records.models import Episode, Person, Staff, Team

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "small_extract"


@pytest.fixture
def extract(tmp_path) -> Path:
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    return folder


def load(folder: Path) -> None:
    report = import_extract(folder, show_progress=False)
    assert report.ok, report.problems


def test_a_closed_case_belongs_to_the_team_it_was_last_allocated_to(extract):
    load(extract)
    episode = Episode.objects.get(referral_id="E1")
    assert episode.team.team_id == "T2"  # moved from T1 to T2 before closing
    assert episode.referral_team.team_id == "T1"
    assert episode.worker.professional_id == "502"


def test_an_open_case_is_held_by_the_worker_whose_allocation_has_not_ended(extract):
    load(extract)
    episode = Episode.objects.get(referral_id="E2")
    assert episode.is_open
    assert episode.worker.username == "sasha.worker"
    assert episode.team.team_id == "T1"


def test_an_open_case_whose_allocations_have_all_ended_is_unallocated(extract):
    load(extract)
    episode = Episode.objects.get(referral_id="E3")
    assert episode.is_open and episode.worker is None
    assert episode.team.team_id == "T1"


def test_a_case_with_no_allocations_falls_back_to_the_referral_team_and_worker(extract):
    with (extract / "ssd_person.csv").open("a") as persons:
        persons.write("P5,Ava,Green,2019-01-01,F,,\n")
    with (extract / "ssd_cin_episodes.csv").open("a") as episodes:
        episodes.write("E4,P5,2025-01-01,,,DCPT-M,504\n")
    load(extract)
    episode = Episode.objects.get(referral_id="E4")
    assert episode.team.team_id == "DCPT-M"
    assert episode.worker.username == "dana.manager"


def test_a_person_with_only_a_contact_has_contacts_and_no_episodes(extract):
    load(extract)
    maisie = Person.objects.get(person_id="P4")
    assert maisie.contacts.count() == 1 and maisie.episodes.count() == 0
    assert maisie.contacts.get().outcome == "No further action"


def test_workers_become_staff_with_the_role_their_job_title_names(extract):
    load(extract)
    sasha = Staff.objects.get(username="sasha.worker")
    assert sasha.get_full_name() == "Sasha Worker" and sasha.team.team_id == "T1"
    assert not sasha.has_usable_password()
    assert sasha.role_codes() == {"social_worker"}
    assert Staff.objects.get(username="sam.other").role_codes() == {"social_worker"}
    assert Staff.objects.get(username="terry.lead").role_codes() == {"team_manager"}
    assert Staff.objects.get(username="dana.manager").role_codes() == {"csm"}


def test_teams_get_their_kind_locality_closure_and_managers(extract):
    load(extract)
    current, closed = Team.objects.get(team_id="T1"), Team.objects.get(team_id="T2")
    assert current.locality.name == "Mansfield" and current.active
    assert current.csm.username == "chris.former"
    assert current.team_manager.username == "terry.lead"
    assert current.parent.team_id == "CSC"
    assert not closed.active and str(closed.closed_on) == "2017-03-31"
    assert Team.objects.get(team_id="DCPT-M").kind == "dcpt"
    assert Team.objects.get(team_id="MASH").kind == "mash"


def test_addresses_names_and_identifiers_are_readable(extract):
    load(extract)
    jayden = Person.objects.get(person_id="P1")
    address = jayden.addresses.get()
    assert (address.address, address.postcode) == ("12 High Street, Mansfield", "NG18 1AB")
    assert jayden.nhs_number == "9434765919"
    assert jayden.other_names.get().surname == "Smyth"
    assert jayden.identifiers.get().kind == "Unique Pupil Number"
    assert jayden.holdings.get().reference == "BOX-1187"
    assert jayden.cp_plans.get().category == "Neglect"
    assert str(Person.objects.get(person_id="P3").dob) == "2014-11-02"  # time part dropped
