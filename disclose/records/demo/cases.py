"""A child's history with children's social care: contacts, episodes, allocations,
child protection plans, and the paper files or microfilm kept for old closures."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from .county import County, DemoTeam
from .output import ExtractWriter

CLOSE_REASONS = (
    "RC1 Adopted",
    "RC3 Child arrangements order",
    "RC4 Special guardianship order",
    "RC5 Transferred to services of another local authority",
    "RC6 Transferred to adult social services",
    "RC7 Services ceased for any other reason, including child no longer in need",
    "RC8 Case closed after assessment, no further action",
    "RC9 Case closed after assessment, referred to early help",
)
CP_CATEGORIES = ("Neglect", "Emotional abuse", "Physical abuse", "Sexual abuse", "Multiple")
OUTCOME_FLAGS = (
    "NEW_REFERRAL_FLAG",
    "EXISTING_REFERRAL_FLAG",
    "CP_ENQUIRY_FLAG",
    "NFA_FLAG",
    "NON_AGENCY_ADOPTION_FLAG",
    "PRIVATE_FOSTERING_FLAG",
    "ADVICE_FLAG",
    "MISSING_FLAG",
    "OLA_CP_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
)
# Before electronic records, closed files went to microfilm; later, to paper storage.
MICROFILM_BEFORE, PAPER_BEFORE = 2004, 2012
MICROFILM_PLACE = "Solutions4Data, County Hall"
PAPER_PLACE = "Records Management Service"


def days(n: int) -> timedelta:
    return timedelta(days=n)


def outcome(*flags: str) -> str:
    return json.dumps(
        {f: ("Y" if f in flags else "") for f in OUTCOME_FLAGS}, separators=(",", ":")
    )


@dataclass
class Child:
    person_id: str
    dob: date
    district: str


class CaseMaker:
    def __init__(self, rng: Random, county: County, out: ExtractWriter, as_of: date) -> None:
        self.rng, self.county, self.out, self.as_of = rng, county, out, as_of

    def contact(self, person_id: str, on: date, *flags: str) -> None:
        contact_id = self.out.next_id("contact", "C", 500001)
        self.out.write("ssd_contacts.csv", contact_id, person_id, on, outcome(*flags))

    def history(self, child: Child, first: date) -> None:
        """MASH-only contacts for some; one or more episodes for the rest."""
        if self.rng.random() < 0.28:
            for n in range(self.rng.choice((1, 1, 2))):
                self.contact(
                    child.person_id,
                    min(first + days(400 * n), self.as_of),
                    self.rng.choice(("NFA_FLAG", "ADVICE_FLAG")),
                )
            return
        start, closures = first, []
        adult = _birthday(child.dob, 18)
        while start <= self.as_of and start < adult:
            self.contact(child.person_id, start, "NEW_REFERRAL_FLAG")
            referred = min(start + days(self.rng.randint(0, 10)), self.as_of)
            if referred >= adult:
                break
            end = self.episode(child, referred, adult)
            if end is None:
                break
            closures.append(end)
            if self.rng.random() < 0.7:
                break
            start = end + days(self.rng.randint(120, 1500))
        if closures:
            self.holdings(child.person_id, closures[-1])

    def episode(self, child: Child, start: date, adult: date) -> date | None:
        """One episode, written with its allocations; returns its close date (None if open)."""
        rng = self.rng
        length = rng.choice((rng.randint(20, 120), rng.randint(120, 540), rng.randint(540, 2000)))
        end: date | None = min(start + days(length), adult)
        team = rng.choice(self.county.social_work_teams(child.district, start))
        if team.closed_on and end >= team.closed_on:
            end = max(start, team.closed_on - days(rng.randint(1, 30)))
        if end > self.as_of:
            end = None
        referral = self.out.next_id("referral", "R", 700001)
        first_worker = rng.choice(team.workers)
        self.out.write(
            "ssd_cin_episodes.csv",
            referral,
            child.person_id,
            start,
            end,
            rng.choice(CLOSE_REASONS) if end else "",
            team.team_id,
            first_worker,
        )
        plan_start = self.cp_plan(child, start, end) if rng.random() < 0.2 else None
        self.allocations(child, referral, team, first_worker, start, end, plan_start)
        return end

    def cp_plan(self, child: Child, start: date, end: date | None) -> date | None:
        plan_start = start + days(self.rng.randint(15, 60))
        if plan_start > (end or self.as_of):
            return None
        plan_end: date | None = plan_start + days(self.rng.randint(90, 700))
        if end is not None:
            plan_end = min(plan_end, end)
        elif plan_end > self.as_of:
            plan_end = None
        self.out.write(
            "ssd_cp_plans.csv",
            child.person_id,
            plan_start,
            plan_end,
            self.rng.choice(CP_CATEGORIES),
        )
        return plan_start

    def allocations(
        self,
        child: Child,
        referral: str,
        team: DemoTeam,
        worker: str,
        start: date,
        end: date | None,
        plan_start: date | None,
    ) -> None:
        """Who held the case and when. A child protection plan moves it to the DCPT;
        some open cases end up with nobody allocated."""
        rng, stop = self.rng, end or self.as_of
        cuts = {
            start + days(rng.randint(1, max(1, (stop - start).days)))
            for _n in range(rng.choice((0, 0, 1, 2)))
        }
        segments = [(team, s) for s in sorted({start} | cuts) if s <= stop]
        if plan_start:
            dcpt = self.county.dcpt(child.district)
            segments = [(t, s) for t, s in segments if s < plan_start] + [(dcpt, plan_start)]
        for n, (holder, seg_start) in enumerate(segments):
            last = n == len(segments) - 1
            seg_end = end if last else segments[n + 1][1]
            if last and end is None and rng.random() < 0.15:
                seg_end = max(seg_start, self.as_of - days(rng.randint(5, 90)))  # unallocated
            who = worker if n == 0 and holder is team else rng.choice(holder.workers)
            self.out.write(
                "ssd_involvements.csv",
                child.person_id,
                referral,
                who,
                "Allocated Social Worker",
                holder.team_id,
                seg_start,
                seg_end,
            )

    def holdings(self, person_id: str, closed: date) -> None:
        kinds = []
        if closed.year < MICROFILM_BEFORE:
            kinds.append("microfilm")
            if self.rng.random() < 0.3:
                kinds.append("paper")
        elif closed.year < PAPER_BEFORE:
            kinds.append("paper")
        for kind in kinds:
            holding = self.out.next_id("holding", "H", 300001)
            if kind == "paper":
                place, ref = PAPER_PLACE, f"RMS-{closed.year}-{self.rng.randint(1, 9999):05d}"
            else:
                place, ref = (
                    MICROFILM_PLACE,
                    f"MF-{self.rng.randint(1, 4000):04d}-{self.rng.randint(1, 400):03d}",
                )
            self.out.write("disclose_holdings.csv", holding, person_id, kind, place, ref)


def _birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February
        return dob.replace(year=dob.year + years, day=28)
