"""A decision the rules take, with the paragraph it rests on and why."""

from dataclasses import dataclass

# The routes of the scenario spec's table, in its order.
ROUTES = (
    "redirect:subject_access",
    "redirect:adoption_records",
    "redirect:view_records",
    "advise:view_records",
    "redirect:support_to_schools",
    "not_known",
    "open:allocated_worker",
    "open:unallocated",
    "closed_electronic:last_team_csm",
    "closed_electronic:dcpt_csm",
    "closed_mash_only:mash_csm",
    "closed_paper:last_team_csm",
    "closed_paper:dcpt_csm",
    "ofsted:worker_details",
    "ofsted:contact_mash",
    # Added (2.3): Ofsted about an open case with no worker is given the team's details.
    "ofsted:team_details",
)


@dataclass(frozen=True)
class Decision:
    route: str
    paragraph: str
    rationale: str
    assignee: str | None = None  # who now holds this subject's part
    team: str | None = None  # the team whose team manager allocates after approval
    message_kind: str | None = None  # what the requestor is told when the part is forwarded
    problem: str | None = None  # the route's holder is missing: the step must not go ahead

    def __post_init__(self) -> None:
        if self.route not in ROUTES:
            raise ValueError(f"unknown route {self.route!r}")

    @property
    def family(self) -> str:
        """The part of the route before the colon: open, closed_paper, ofsted..."""
        return self.route.split(":", 1)[0]

    @property
    def needs_csm_decision(self) -> bool:
        """Closed cases go to a CSM, who decides whether the request is met (2.1.2-2.1.3)."""
        return self.family in {"closed_electronic", "closed_mash_only", "closed_paper"}
