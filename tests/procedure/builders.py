"""Small builders for procedure facts, so each test says only what matters to it."""

from datetime import date

from disclose.procedure.facts import (
    CouncilFacts,
    EpisodeFacts,
    RequestFacts,
    SubjectFacts,
    TeamFacts,
)


def team(
    ref="T1", *, kind="social_work", locality="Bassetlaw", active=True, csm="csm_t1", tm="tm_t1"
):
    return TeamFacts(
        ref=ref,
        name=f"Team {ref}",
        kind=kind,
        locality=locality,
        active=active,
        csm=csm,
        team_manager=tm,
    )


DCPT_B = team("DCPT-B", kind="dcpt", locality="Bassetlaw", csm="csm_d", tm="tm_d")
DCPT_M = team("DCPT-M", kind="dcpt", locality="Mansfield", csm="csm_m", tm="tm_m")
MASH = team("MASH", kind="mash", locality=None, csm="csm_mash", tm="tm_mash")
COUNCIL = CouncilFacts(dcpts={"Bassetlaw": DCPT_B, "Mansfield": DCPT_M}, mash=MASH)


def closed(team_=None, start=date(2014, 1, 1), end=date(2016, 5, 1), worker=None):
    return EpisodeFacts(start=start, end=end, team=team_ or team(), worker=worker)


def open_(team_=None, start=date(2025, 1, 1), worker="sw1"):
    return EpisodeFacts(start=start, end=None, team=team_ or team(), worker=worker)


def subject(*episodes, holdings=(), mash_contacts=0, cp_plan=False, known=True):
    return SubjectFacts(
        known=known,
        episodes=tuple(episodes),
        holdings=tuple(holdings),
        mash_contacts=mash_contacts,
        cp_plan=cp_plan,
    )


def request(kind="information", extent="specific", agency="police", consent=True):
    return RequestFacts(kind=kind, extent=extent, agency=agency, consent=consent)
