"""Named people for the web and admin tests (imported by test_web_*, test_admin_*).

Only synthetic people. Roles come from the records migration.
"""

import datetime

import pytest

from disclose.records.models import Episode, Person, PersonName, Role, Staff, Team

PASSWORD = "correct-horse-battery-staple"


def make_staff(username: str, *roles: str, password: str | None = None, **fields) -> Staff:
    staff = Staff.objects.create_user(username=username, password=password, **fields)
    staff.roles.set(Role.objects.filter(code__in=roles))
    return staff


def make_person(
    person_id: str = "P1", forename: str = "Jayden", surname: str = "Smith", **fields
) -> Person:
    fields.setdefault("dob", datetime.date(2010, 3, 4))
    return Person.objects.create(person_id=person_id, forename=forename, surname=surname, **fields)


@pytest.fixture(name="officer")
def officer_fixture(db) -> Staff:
    return make_staff("sam.officer", "scimt_officer", first_name="Sam", last_name="Officer")


@pytest.fixture(name="lawyer")
def lawyer_fixture(db) -> Staff:
    return make_staff("lee.legal", "legal_services", first_name="Lee", last_name="Legal")


@pytest.fixture(name="superuser")
def superuser_fixture(db) -> Staff:
    return Staff.objects.create_superuser(username="ada.admin", password=None, email="")


@pytest.fixture(name="person")
def person_fixture(db) -> Person:
    """Jayden Smith, once Jaden Smyth: one closed episode with Bassetlaw Team 2."""
    jayden = make_person()
    PersonName.objects.create(
        person=jayden, forename="Jaden", surname="Smyth", name_type=PersonName.NameType.ALIAS
    )
    team = Team.objects.create(team_id="T1", name="Bassetlaw Children's Team 2", active=False)
    Episode.objects.create(
        referral_id="R1",
        person=jayden,
        start=datetime.date(2014, 1, 1),
        end=datetime.date(2016, 5, 1),
        close_reason="Case closed",
        team=team,
    )
    return jayden


def open_request_about(officer: Staff, *persons: Person):
    """An open request about these people, matched to them: what a search or a
    view is for (casework/justification.py)."""
    from disclose.casework import services

    request = services.receive_request(
        actor=officer,
        subjects=[{"forename": p.forename, "surname": p.surname, "dob": p.dob} for p in persons],
        channel="email",
        requestor_name="DC Jane Doe",
        requestor_agency="police",
        requestor_email="jane.doe@example.police.uk",
        consent=True,
        details="Dates of any child protection plan.",
    )
    for number, person in enumerate(persons, start=1):
        services.match_subject(actor=officer, request=request, subject=number, person=person)
    return request


@pytest.fixture(name="open_request")
def open_request_fixture(officer, person):
    return open_request_about(officer, person)
