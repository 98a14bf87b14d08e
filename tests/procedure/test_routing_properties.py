"""Properties of routing that hold for any combination of record facts (2.1)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from disclose.procedure.decisions import ROUTES
from disclose.procedure.facts import (
    AGENCIES,
    CouncilFacts,
    EpisodeFacts,
    RequestFacts,
    SubjectFacts,
    TeamFacts,
)
from disclose.procedure.routing import route_subject

LOCALITIES = ["Ashfield", "Bassetlaw", "Mansfield", "Rushcliffe"]
staff_refs = st.none() | st.sampled_from(["s1", "s2", "s3", "s4"])


@st.composite
def teams(draw, kind=None, locality=None):
    kind = kind or draw(st.sampled_from(["social_work", "dcpt", "mash", "other"]))
    loc = locality if locality is not None else draw(st.none() | st.sampled_from(LOCALITIES))
    return TeamFacts(
        ref=draw(st.text("ABCDEFGH0123456789", min_size=3, max_size=8)),
        name="team",
        kind=kind,
        locality=loc,
        active=draw(st.booleans()),
        csm=draw(staff_refs),
        team_manager=draw(staff_refs),
    )


@st.composite
def episodes(draw):
    start = draw(st.dates(date(1990, 1, 1), date(2026, 1, 1)))
    is_open = draw(st.booleans())
    end = None if is_open else start + timedelta(days=draw(st.integers(0, 4000)))
    return EpisodeFacts(
        start=start, end=end, team=draw(st.none() | teams()), worker=draw(staff_refs)
    )


@st.composite
def subjects(draw):
    return SubjectFacts(
        known=draw(st.booleans()),
        episodes=tuple(draw(st.lists(episodes(), max_size=4))),
        mash_contacts=draw(st.integers(0, 3)),
        holdings=tuple(draw(st.lists(st.sampled_from(["paper", "microfilm"]), max_size=2))),
        cp_plan=draw(st.booleans()),
    )


@st.composite
def councils(draw):
    dcpts = {}
    for loc in draw(st.lists(st.sampled_from(LOCALITIES), unique=True)):
        # A council's set-up can be wrong: a DCPT filed under another locality,
        # or closed. Routing must never use such a team.
        dcpts[loc] = draw(
            teams(
                kind=draw(st.sampled_from(["dcpt", "social_work"])),
                locality=draw(st.sampled_from(LOCALITIES)),
            )
        )
    return CouncilFacts(dcpts=dcpts, mash=draw(st.none() | teams(kind="mash")))


requests = st.builds(
    RequestFacts,
    kind=st.just("information"),
    extent=st.just("specific"),
    agency=st.sampled_from(AGENCIES),
    consent=st.booleans(),
)


def _teams_of(subject, council):
    """Every team the facts mention (refs may repeat: generated refs can collide)."""
    found = [e.team for e in subject.episodes if e.team] + list(council.dcpts.values())
    return found + ([council.mash] if council.mash else [])


@settings(max_examples=400)
@given(subjects(), requests, councils())
def test_every_subject_gets_exactly_one_known_route_with_its_paragraph(subject, request, council):
    decision = route_subject(subject, request, council)
    assert decision.route in ROUTES
    assert decision.paragraph and decision.rationale


@settings(max_examples=400)
@given(subjects(), requests, councils())
def test_a_request_is_never_given_to_a_team_that_no_longer_exists(subject, request, council):
    decision = route_subject(subject, request, council)
    if decision.team is not None:
        candidates = [t for t in _teams_of(subject, council) if t.ref == decision.team]
        assert any(t.active for t in candidates)


@settings(max_examples=400)
@given(subjects(), requests, councils())
def test_the_dcpt_fallback_never_reaches_a_csm_outside_the_locality(subject, request, council):
    decision = route_subject(subject, request, council)
    if decision.route.endswith(":dcpt_csm") and decision.assignee is not None:
        last = max((e for e in subject.episodes if e.end), key=lambda e: (e.end, e.start))
        dcpt = council.dcpts[last.team.locality]
        assert dcpt.kind == "dcpt" and dcpt.active
        assert dcpt.locality == last.team.locality
        assert decision.assignee == dcpt.csm and decision.team == dcpt.ref


@settings(max_examples=400)
@given(subjects(), requests, councils())
def test_a_routed_part_has_a_holder_or_says_what_is_missing(subject, request, council):
    decision = route_subject(subject, request, council)
    needs_holder = decision.route.startswith(("open:", "closed_"))
    if needs_holder:
        assert (decision.assignee is not None) != (decision.problem is not None)


@settings(max_examples=400)
@given(subjects(), requests, councils())
def test_an_open_episode_always_outweighs_closed_ones(subject, request, council):
    decision = route_subject(subject, request, council)
    if subject.known and any(e.end is None for e in subject.episodes):
        assert decision.route.startswith(("open:", "ofsted:worker_details", "ofsted:team_details"))
