"""A synthetic person with a full record, for the journeys that find and open one."""

import datetime

from faker import Faker

from disclose.records.models import (
    CaseNote,
    Contact,
    CPPlan,
    Episode,
    Holding,
    Person,
    PersonName,
    Staff,
    Team,
)
from disclose.records.search import reindex_persons


def make_person_with_a_record(worker: Staff) -> Person:
    """One child, with a former name, a closed and an open episode, a plan, a contact,
    a paper file and a case note: every part of the person page has something to show."""
    fake = Faker("en_GB")
    fake.seed_instance(2026)
    person = Person.objects.create(
        person_id="E2E-1",
        forename=fake.first_name_female(),
        surname=fake.last_name(),
        dob=fake.date_between(datetime.date(2009, 1, 1), datetime.date(2015, 12, 31)),
    )
    PersonName.objects.create(
        person=person,
        forename=person.forename,
        surname=fake.last_name(),
        name_type=PersonName.NameType.ALIAS,
    )
    old_team = Team.objects.create(team_id="E2E-T1", name="Ashfield Children's Team", active=False)
    team = Team.objects.create(team_id="E2E-T2", name="Newark Children's Team")
    Episode.objects.create(
        referral_id="E2E-R1",
        person=person,
        start=datetime.date(2016, 2, 1),
        end=datetime.date(2017, 7, 1),
        close_reason="Case closed",
        team=old_team,
    )
    Episode.objects.create(
        referral_id="E2E-R2",
        person=person,
        start=datetime.date(2024, 9, 2),
        team=team,
        worker=worker,
    )
    CPPlan.objects.create(person=person, start=datetime.date(2024, 10, 1), category="Neglect")
    Contact.objects.create(
        contact_id="E2E-C1", person=person, date=datetime.date(2024, 8, 20), outcome="Referral"
    )
    Holding.objects.create(
        holding_id="E2E-H1",
        person=person,
        kind=Holding.Kind.PAPER,
        location="Records store",
        reference="BOX-0042",
    )
    CaseNote.objects.create(
        person=person, author=worker, text="Visited at home. " + fake.sentence()
    )
    reindex_persons([person.pk])
    return person


def an_open_request_being_matched(officer: Staff, person: Person) -> str:
    """The reference of an open request about this person, not yet matched: the
    SCIMT searches the records for it (a search or a view needs one)."""
    from disclose.casework import services

    request = services.receive_request(
        actor=officer,
        channel="email",
        requestor_name="Alex Example",
        requestor_agency="police",
        requestor_email="alex@example.org",
        consent=True,
        details="Dates of any plan.",
        subjects=[{"forename": person.forename, "surname": person.surname, "dob": person.dob}],
    )
    return request.reference
