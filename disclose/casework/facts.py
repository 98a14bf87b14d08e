"""Records rows -> the procedure's facts (procedure/facts.py).

A fixed number of queries, whatever the number of subjects: persons with
their episodes, holdings and CP plans prefetched, and one query for the
council's DCPTs and MASH. The Staff and Team rows met on the way are kept, so
a route's holder (a staff ref) can be turned back into a row without another
query.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from disclose.procedure.facts import (
    CouncilFacts,
    EpisodeFacts,
    RequestFacts,
    SubjectFacts,
    TeamFacts,
)
from disclose.records.models import Episode, Person, Staff, Team

_TEAM_RELATED = ("locality", "csm", "team_manager")


@dataclass
class World:
    """The facts of one request's subjects, and the rows behind the refs."""

    subjects: dict[int, SubjectFacts] = field(default_factory=dict)  # person pk -> facts
    council: CouncilFacts = field(default_factory=CouncilFacts)
    staff: dict[str, Staff] = field(default_factory=dict)  # staff ref -> row
    teams: dict[str, Team] = field(default_factory=dict)  # team ref -> row

    def facts_for(self, person: Person | None) -> SubjectFacts:
        if person is None:
            return SubjectFacts(known=False)
        return self.subjects[person.pk]

    def name_of(self, ref: str | None) -> str:
        staff = self.staff.get(ref) if ref else None
        return staff.display_name if staff else (ref or "")


def staff_ref(staff: Staff | None) -> str | None:
    """A member of staff as the rules name them. Someone who has left (inactive)
    holds nothing: an open case whose worker has left is unallocated, and a
    team whose CSM has left has no CSM until an administrator records one."""
    if staff is None or not staff.is_active:
        return None
    return staff.username


def request_facts(request) -> RequestFacts:
    return RequestFacts(
        kind=request.kind,
        extent=request.extent,
        agency=request.requestor_agency,
        consent=request.consent,
    )


def build_world(persons: Iterable[Person | None]) -> World:
    world = World()
    ids = sorted({p.pk for p in persons if p is not None})
    if ids:
        _load_subjects(world, ids)
    world.council = _load_council(world)
    return world


def _load_subjects(world: World, ids: list[int]) -> None:
    episodes = Episode.objects.select_related(
        "worker", *(f"team__{name}" for name in _TEAM_RELATED)
    )
    rows = (
        Person.objects.filter(pk__in=ids)
        .annotate(n_contacts=Count("contacts", distinct=True))
        .prefetch_related(Prefetch("episodes", queryset=episodes), "holdings", "cp_plans")
    )
    for person in rows:
        world.subjects[person.pk] = SubjectFacts(
            known=True,
            episodes=tuple(_episode(world, e) for e in person.episodes.all()),
            mash_contacts=person.n_contacts,
            holdings=tuple(sorted({h.kind for h in person.holdings.all()})),
            cp_plan=bool(person.cp_plans.all()),
            cp_plan_dates=tuple((p.start, p.end) for p in person.cp_plans.all()),
        )


def _episode(world: World, episode: Episode) -> EpisodeFacts:
    return EpisodeFacts(
        start=episode.start,
        end=episode.end,
        team=_team(world, episode.team),
        worker=_keep_staff(world, episode.worker),
    )


def _team(world: World, team: Team | None) -> TeamFacts | None:
    if team is None:
        return None
    world.teams[team.team_id] = team
    return TeamFacts(
        ref=team.team_id,
        name=team.name,
        kind=team.kind,
        locality=team.locality.name if team.locality else None,
        active=team.active,
        csm=_keep_staff(world, team.csm),
        team_manager=_keep_staff(world, team.team_manager),
    )


def _keep_staff(world: World, staff: Staff | None) -> str | None:
    ref = staff_ref(staff)
    if ref:
        world.staff[ref] = staff
    return ref


def _load_council(world: World) -> CouncilFacts:
    dcpts: dict[str, TeamFacts] = {}
    mash = None
    rows = (
        Team.objects.filter(active=True, kind__in=[Team.Kind.DCPT, Team.Kind.MASH])
        .select_related(*_TEAM_RELATED)
        .order_by("id")
    )
    for team in rows:
        facts = _team(world, team)
        if team.kind == Team.Kind.MASH:
            mash = mash or facts
        elif facts.locality and facts.locality not in dcpts:
            # The first current DCPT of each locality (2.1.2: "the DCPT in the
            # relevant locality"); a council has one per locality.
            dcpts[facts.locality] = facts
    return CouncilFacts(dcpts=dcpts, mash=mash)
