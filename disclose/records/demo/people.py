"""Families of synthetic people: names, dates of birth, addresses, identifiers,
other names, and the duplicate records real systems hold."""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from .cases import CaseMaker, Child, _birthday
from .county import County, address
from .names import Names
from .numbers import NhsNumbers, upn
from .output import ExtractWriter


@dataclass
class DemoPerson:
    person_id: str
    forename: str
    surname: str
    dob: date
    sex: str


class FamilyMaker:
    def __init__(self, rng: Random, county: County, out: ExtractWriter, as_of: date) -> None:
        self.rng, self.county, self.out, self.as_of = rng, county, out, as_of
        self.names = Names(rng)
        self.nhs = NhsNumbers()
        self.cases = CaseMaker(rng, county, out, as_of)

    def family(self, budget: int) -> int:
        """Write one family (at most `budget` people); returns how many were written."""
        rng = self.rng
        district = rng.choices(self.county.district_names, self.county.district_weights)[0]
        surname = self.names.family_surname()
        home = address(rng, self.names, district)
        # More families are recent than old: records from 30 years ago are fewer.
        years_ago = 30 * rng.random() ** 1.6
        first_contact = self.as_of - timedelta(days=int(years_ago * 365.25))
        written = 0
        children = rng.choices((1, 2, 3, 4), (45, 30, 15, 10))[0]
        oldest = None
        for _n in range(min(children, budget)):
            dob = first_contact - timedelta(days=rng.randint(0, 15 * 365))
            oldest = min(oldest or dob, dob)
            child = self.person(surname, dob, home)
            self.cases.history(
                Child(child.person_id, dob, district),
                min(first_contact + timedelta(days=rng.randint(0, 700)), self.as_of),
            )
            written += 1
            if written < budget and rng.random() < 0.03:
                self.secondary_record(child, district)
                written += 1
        if written < budget and oldest and rng.random() < 0.35:
            self.mother(surname, oldest, home, first_contact)
            written += 1
        return written

    def person(
        self, surname: str, dob: date, home: tuple[str, str], sex: str = "", adult: bool = False
    ) -> DemoPerson:
        rng = self.rng
        sex = sex or rng.choice("MF")
        person = DemoPerson(
            self.out.next_id("person", "", 1000001), self.names.forename(sex), surname, dob, sex
        )
        nhs = self.nhs.next() if rng.random() < (0.85 if dob.year >= 1990 else 0.5) else ""
        died = dob + timedelta(days=rng.randint(1, 3000)) if rng.random() < 0.001 else None
        if died and died > self.as_of:
            died = None
        self.out.write(
            "ssd_person.csv", person.person_id, person.forename, surname, dob, sex, nhs, died
        )
        self.out.write(
            "ssd_address.csv", person.person_id, home[0], home[1], dob if not adult else None, None
        )
        self.identifiers(person, nhs)
        if not adult:
            self.other_names(person)
        return person

    def identifiers(self, person: DemoPerson, nhs: str) -> None:
        rng, pid = self.rng, person.person_id
        if person.dob.year >= 1995 and rng.random() < 0.3:
            serial = int(pid) % 1_000_000
            self.out.write(
                "ssd_linked_identifiers.csv",
                pid,
                "Unique Pupil Number",
                upn(serial, _birthday(person.dob, 5).year),
            )
        if rng.random() < 0.1:
            self.out.write(
                "ssd_linked_identifiers.csv",
                pid,
                "Case Number",
                f"CF/{rng.randint(1990, 2011)}/{int(pid) % 100000:05d}",
            )
        if nhs and rng.random() < 0.05:
            self.out.write("ssd_linked_identifiers.csv", pid, "NHS Number", nhs)

    def other_names(self, person: DemoPerson) -> None:
        rng, pid = self.rng, person.person_id
        if rng.random() < 0.06:
            nickname = self.names.known_as(person.forename)
            if nickname:
                self.out.write(
                    "disclose_person_names.csv", pid, nickname, person.surname, "known_as"
                )
        if rng.random() < 0.05:  # a step-parent's or birth surname
            self.out.write(
                "disclose_person_names.csv", pid, person.forename, self.names.surname(), "former"
            )
        if rng.random() < 0.02:
            self.out.write(
                "disclose_person_names.csv",
                pid,
                self.names.forename(person.sex),
                self.names.surname(),
                "alias",
            )

    def mother(self, surname: str, oldest: date, home: tuple[str, str], contact: date) -> None:
        dob = oldest - timedelta(days=self.rng.randint(17 * 365, 38 * 365))
        mother = self.person(surname, dob, home, sex="F", adult=True)
        maiden = self.names.surname()
        self.out.write(
            "disclose_person_names.csv", mother.person_id, mother.forename, maiden, "former"
        )
        if self.rng.random() < 0.4:
            self.cases.contact(mother.person_id, contact, "ADVICE_FLAG")

    def secondary_record(self, child: DemoPerson, district: str) -> None:
        """A second record for the same child, typed by someone else: a misspelt name
        and, where it can be, the day and month of birth swapped; only a contact."""
        rng = self.rng
        forename, surname = child.forename, child.surname
        if rng.random() < 0.5:
            forename = self.names.misspell(forename)
        else:
            surname = self.names.misspell(surname)
        dob = child.dob
        if dob.day <= 12 and dob.day != dob.month:
            dob = dob.replace(day=dob.month, month=dob.day)
        person_id = self.out.next_id("person", "", 1000001)
        self.out.write("ssd_person.csv", person_id, forename, surname, dob, child.sex, "", None)
        when = min(self.as_of, dob + timedelta(days=rng.randint(200, 4000)))
        self.cases.contact(person_id, max(when, dob), rng.choice(("NFA_FLAG", "ADVICE_FLAG")))
