"""Building a scenario's world of records in the database.

Everything is created through the records models directly: this is the
council's record that the procedure reads, not a request, so no service step is
bypassed. The World keeps both directions of the map between the file's ids
and the rows, so the trail can speak in the file's ids.
"""

from dataclasses import dataclass, field

from django.db import transaction

from disclose.records.models import (
    Contact,
    CPPlan,
    Episode,
    Holding,
    Locality,
    Person,
    PersonName,
    Role,
    Staff,
    Team,
)

from .schema import EpisodeSpec, PersonSpec, Records, StaffSpec

EMAIL_DOMAIN = "scenario.invalid"  # RFC 2606: never delivered anywhere


@dataclass
class World:
    teams: dict[str, Team] = field(default_factory=dict)
    staff: dict[str, Staff] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    holdings: dict[str, Holding] = field(default_factory=dict)

    def staff_id(self, staff_pk: int | None) -> str | None:
        """The file's id for a member of staff (by primary key), or None."""
        if staff_pk is None:
            return None
        return self._reverse(self.staff).get(staff_pk)

    def person_id(self, person_pk: int | None) -> str | None:
        if person_pk is None:
            return None
        return self._reverse(self.persons).get(person_pk)

    def holding_id(self, holding_pk: int) -> str | None:
        return self._reverse(self.holdings).get(holding_pk)

    @staticmethod
    def _reverse(mapping: dict) -> dict[int, str]:
        return {obj.pk: key for key, obj in mapping.items()}


@transaction.atomic
def build_world(records: Records) -> World:
    world = World()
    localities = {name: Locality.objects.get_or_create(name=name)[0] for name in records.localities}
    for spec in records.teams:
        world.teams[spec.id] = Team.objects.create(
            team_id=spec.id,
            name=spec.name,
            kind=spec.kind,
            locality=localities.get(spec.locality) if spec.locality else None,
            active=spec.active,
            closed_on=spec.closed_on,
        )
    for spec in records.staff:
        world.staff[spec.id] = _staff(spec, world)
    _team_holders(records.staff, world)
    for spec in records.persons:
        world.persons[spec.id] = _person(spec)
    for n, spec in enumerate(records.episodes, start=1):
        _episode(n, spec, world)
    for spec in records.holdings:
        world.holdings[spec.id] = Holding.objects.create(
            holding_id=spec.id,
            person=world.persons[spec.person],
            kind=spec.kind,
            location=spec.location,
            reference=spec.ref,
        )
    _index_for_search(world)
    return world


def _staff(spec: StaffSpec, world: World) -> Staff:
    member = Staff(
        username=spec.id,
        first_name=spec.first_name,
        last_name=spec.last_name,
        email=spec.email or f"{spec.id}@{EMAIL_DOMAIN}",
        phone=spec.phone,
        job_title=spec.job_title,
        team=world.teams.get(spec.team) if spec.team else None,
        is_active=spec.active,  # the one notion of having left (casework/steps/staffing.py)
    )
    member.set_unusable_password()
    member.save()
    member.roles.set([Role.objects.get_or_create(code=code)[0] for code in spec.roles])
    return member


def _team_holders(staff: tuple[StaffSpec, ...], world: World) -> None:
    """A team's CSM and team manager are the staff with that role whose team it is."""
    for spec in staff:
        team = world.teams.get(spec.team) if spec.team else None
        if team is None:
            continue
        if "csm" in spec.roles:
            team.csm = world.staff[spec.id]
        if "team_manager" in spec.roles:
            team.team_manager = world.staff[spec.id]
        team.save(update_fields=["csm", "team_manager"])


def _person(spec: PersonSpec) -> Person:
    person = Person.objects.create(
        person_id=spec.id,
        forename=spec.forename,
        surname=spec.surname,
        dob=spec.dob,
        nhs_number=spec.nhs_number,
        sex=spec.sex,
    )
    for names, name_type in (
        (spec.aliases, PersonName.NameType.ALIAS),
        (spec.former_names, PersonName.NameType.FORMER),
        (spec.known_as, PersonName.NameType.KNOWN_AS),
    ):
        for name in names:
            forename, _, surname = name.rpartition(" ")
            PersonName.objects.get_or_create(
                person=person,
                forename=forename,
                surname=surname or spec.surname,
                name_type=name_type,
            )
    return person


def _episode(n: int, spec: EpisodeSpec, world: World) -> None:
    """An episode, or for a MASH-only enquiry a contact and no episode (2.1.2).

    `media` is not stored: paper and microfilm are the file's holdings, and
    every episode has its Framework record."""
    person = world.persons[spec.person]
    if spec.mash_only:
        Contact.objects.create(
            contact_id=f"{spec.person}-C{n}", person=person, date=spec.start, outcome="MASH enquiry"
        )
        return
    Episode.objects.create(
        referral_id=f"{spec.person}-E{n}",
        person=person,
        start=spec.start,
        end=spec.end,
        team=world.teams.get(spec.team) if spec.team else None,
        worker=world.staff.get(spec.worker) if spec.worker else None,
    )
    if spec.cp_plan:
        CPPlan.objects.get_or_create(person=person, start=spec.start, defaults={"end": spec.end})


def _index_for_search(world: World) -> None:
    """Make the persons findable by the search pages too, when a person uses them."""
    try:
        from disclose.records.search.index import reindex_persons
    except ImportError:  # search not installed in this build
        return
    reindex_persons([p.pk for p in world.persons.values()])
