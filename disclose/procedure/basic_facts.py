"""The basic factual information the SCIMT shares (section 1).

- whether an individual is known to children's social care
- whether a case is open or closed, and the date of closure
- whether there is a child protection history
- which worker and team is dealing with an open case
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .facts import SubjectFacts
from .routing import current_open_episode, last_closed_episode


@dataclass(frozen=True)
class BasicFacts:
    known: bool
    open: bool = False
    closure_date: date | None = None
    cp_history: bool = False
    worker: str | None = None  # staff ref of the worker on an open case
    team_name: str | None = None  # team holding an open case
    mash_enquiry_only: bool = False

    def sentences(self, subject_name: str, names: Mapping[str, str] | None = None) -> list[str]:
        """The facts in plain English. `names` maps staff refs to display names."""
        names = names or {}
        if not self.known:
            return [f"{subject_name} is not known to children's social care."]
        said = [f"{subject_name} is known to children's social care."]
        if self.open:
            said.append("The case is open.")
            if self.worker:
                team = f" in {self.team_name}" if self.team_name else ""
                said.append(f"The allocated worker is {names.get(self.worker, self.worker)}{team}.")
            elif self.team_name:
                said.append(
                    f"The case is held by {self.team_name} and is not allocated to a worker."
                )
        elif self.mash_enquiry_only:
            said.append("There is no open case. The only record is an enquiry to the MASH.")
        else:
            closed = (
                f" It was closed on {_long_date(self.closure_date)}." if self.closure_date else ""
            )
            said.append(f"The case is closed.{closed}")
        said.append(
            "There is a child protection history."
            if self.cp_history
            else "There is no child protection history."
        )
        return said


def basic_facts(subject: SubjectFacts) -> BasicFacts:
    if not subject.known:
        return BasicFacts(known=False)
    current = current_open_episode(subject)
    if current is not None:
        return BasicFacts(
            known=True,
            open=True,
            cp_history=subject.cp_plan,
            worker=current.worker,
            team_name=current.team.name if current.team else None,
        )
    last = last_closed_episode(subject)
    return BasicFacts(
        known=True,
        closure_date=last.end if last else None,
        cp_history=subject.cp_plan,
        mash_enquiry_only=last is None and subject.mash_contacts > 0,
    )


def _long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def shared_at_forward(*, agency: str, any_known: bool, skipped_because: str) -> bool:
    """Section 1 and 2.1: the SCIMT checks identity and shares the basic facts,
    then forwards. So forwarding before they are shared shares them first,
    unless the officer records why not. Nothing to share first for Ofsted
    (2.3: the SCIMT's answer at forward is the whole reply), nor when no
    subject is known (the requestor is told so at forward)."""
    return not skipped_because.strip() and agency != "ofsted" and any_known
