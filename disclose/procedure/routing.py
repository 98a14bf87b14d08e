"""Routing each subject (section 2): who deals with the request, and why."""

from .decisions import Decision
from .facts import CouncilFacts, EpisodeFacts, RequestFacts, SubjectFacts, TeamFacts


def route_subject(subject: SubjectFacts, request: RequestFacts, council: CouncilFacts) -> Decision:
    """Exactly one route for a subject, with its paragraph and rationale."""
    if not subject.known:
        return Decision(
            route="not_known",
            paragraph="2.3" if request.agency == "ofsted" else "1",
            rationale="The subject is not known to children's social care, and the requestor is told so.",
            message_kind="not_known",
        )
    current = current_open_episode(subject)
    if current is not None:
        return _route_open(current, request)
    if request.agency == "ofsted":
        return Decision(
            route="ofsted:contact_mash",
            paragraph="2.3",
            rationale=(
                "The subject is known and the record is closed, so Ofsted is asked to contact "
                "the MASH to ask for information to be disclosed."
            ),
            message_kind="contact_mash",
        )
    last = last_closed_episode(subject)
    if last is None:
        return _route_mash_only(subject, council)
    return _route_closed(subject, last, council)


def current_open_episode(subject: SubjectFacts) -> EpisodeFacts | None:
    """The latest open episode. An open episode outweighs older closed ones (2.1.1)."""
    open_episodes = [e for e in subject.episodes if e.is_open]
    return max(open_episodes, key=lambda e: e.start, default=None)


def last_closed_episode(subject: SubjectFacts) -> EpisodeFacts | None:
    """The episode where the case was last allocated: the one closed most recently."""
    closed = [e for e in subject.episodes if not e.is_open]
    return max(closed, key=lambda e: (e.end, e.start), default=None)


def _route_open(episode: EpisodeFacts, request: RequestFacts) -> Decision:
    team = episode.team
    team_ref = team.ref if team and team.active else None
    if episode.worker:
        if request.agency == "ofsted":
            return Decision(
                route="ofsted:worker_details",
                paragraph="2.3",
                rationale="The case is open and allocated, so Ofsted is given the social worker's details.",
                message_kind="worker_details",
            )
        return Decision(
            route="open:allocated_worker",
            paragraph="2.1.1",
            rationale=(
                "The case is open, so the request goes to the current social worker, and the "
                "requestor is given the worker's name and contact details."
            ),
            assignee=episode.worker,
            team=team_ref,
            message_kind="worker_details",
        )
    if request.agency == "ofsted":
        # 2.3 gives Ofsted contact details, never information: with no worker
        # allocated, the contact is the team holding the case.
        return Decision(
            route="ofsted:team_details",
            paragraph="2.3",
            rationale=(
                "The case is open but not allocated to a worker, so Ofsted is given the details "
                "of the team holding it. No information is supplied."
            ),
            team=team_ref,
            message_kind="team_details",
        )
    # The procedure names no holder for an open case without a worker; the team
    # manager of the team holding it is the person who can allocate one.
    problem = None
    if team is None or not team.active:
        problem = (
            "The open case is not held by a current team. Correct the record, then forward again."
        )
    elif not team.team_manager:
        problem = f"No team manager is recorded for {team.name}. Ask an administrator to add one."
    return Decision(
        route="open:unallocated",
        paragraph="2.1.1",
        rationale=(
            "The case is open but not allocated to a worker, so the request goes to the team "
            "manager of the team holding it."
        ),
        assignee=team.team_manager if team and team.active else None,
        team=team_ref,
        problem=problem,
    )


def _route_mash_only(subject: SubjectFacts, council: CouncilFacts) -> Decision:
    mash = council.mash
    problem = None
    if subject.mash_contacts == 0:
        problem = (
            "The record shows no episode and no contact, so no team can be found. Check the record."
        )
    elif mash is None or not mash.active:
        problem = "No MASH team is recorded. Ask an administrator to add one."
    elif not mash.csm:
        problem = f"No CSM is recorded for {mash.name}. Ask an administrator to add one."
    return Decision(
        route="closed_mash_only:mash_csm",
        paragraph="2.1.2",
        rationale="The only record is a MASH enquiry, so the request goes to the MASH CSM.",
        assignee=None if problem else mash.csm,
        team=None if problem else mash.ref,
        problem=problem,
    )


def _route_closed(subject: SubjectFacts, last: EpisodeFacts, council: CouncilFacts) -> Decision:
    paper = bool(subject.holdings)
    family, paragraph = ("closed_paper", "2.1.3") if paper else ("closed_electronic", "2.1.2")
    records = "paper or microfilm records" if paper else "only an electronic record"
    team = last.team
    if team is not None and team.active:
        return Decision(
            route=f"{family}:last_team_csm",
            paragraph=paragraph,
            rationale=(
                f"The case is closed with {records}, so the request goes to the CSM of "
                f"{team.name}, where the case was last allocated."
            ),
            assignee=team.csm,
            team=team.ref,
            problem=None if team.csm else _no_csm(team),
        )
    return _route_to_dcpt(family, paragraph, records, team, council)


def _route_to_dcpt(
    family: str, paragraph: str, records: str, team: TeamFacts | None, council: CouncilFacts
) -> Decision:
    """The last team no longer exists: the CSM of the DCPT in its locality (2.1.2, 2.1.3)."""
    locality = team.locality if team else None
    dcpt = council.dcpts.get(locality) if locality else None
    # Only a current DCPT of that same locality will do; anything else is a gap
    # in the council's set-up that an administrator must fill, not a guess.
    if dcpt is not None and (not dcpt.active or dcpt.locality != locality or dcpt.kind != "dcpt"):
        dcpt = None
    gone = f"{team.name} no longer exists" if team else "the last team is not recorded"
    problem = None
    if locality is None:
        problem = "The locality of the last team is not recorded, so its DCPT cannot be found."
    elif dcpt is None:
        problem = f"No current DCPT is recorded for {locality}. Ask an administrator to add one."
    elif not dcpt.csm:
        problem = _no_csm(dcpt)
    return Decision(
        route=f"{family}:dcpt_csm",
        paragraph=paragraph,
        rationale=(
            f"The case is closed with {records} and {gone}, so the request goes to the CSM "
            f"of the District Child Protection Team for {locality or 'the locality'}."
        ),
        assignee=dcpt.csm if dcpt else None,
        team=dcpt.ref if dcpt else None,
        problem=problem,
    )


def _no_csm(team: TeamFacts) -> str:
    return f"No CSM is recorded for {team.name}. Ask an administrator to add one."
