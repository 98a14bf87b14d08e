"""What this person may do now on one request: the one answer every page uses.

`actions_for` asks each step's declaration (procedure/steps.py) the same
question the service asks inside its transaction, with the same facts
(case_facts.py), so a button is shown exactly when the step would go ahead.
Each step this person's role could take is listed, with why not when it is
refused now; steps for other roles are left out.
"""

from dataclasses import dataclass, field

from disclose.procedure import steps
from disclose.procedure.case import Case
from disclose.procedure.states import Refusal
from disclose.procedure.steps import HOLDING, PART, REQUEST, StepSpec

from .actors import actor_of
from .case_facts import case_of, holdings_of
from .models import Request, RequestSubject


@dataclass(frozen=True)
class Action:
    step: StepSpec
    refusal: Refusal | None = None  # why not, now; None: it may be taken
    subject: int | None = None
    holding: int | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    @property
    def name(self) -> str:
        return self.step.name


@dataclass
class Actions:
    """On the request, on each part (by subject number), on each holding out
    for it (by holding pk)."""

    request: list[Action] = field(default_factory=list)
    parts: dict[int, list[Action]] = field(default_factory=dict)
    holdings: dict[int, list[Action]] = field(default_factory=dict)

    def allowed(self) -> list[Action]:
        everything = [*self.request, *_flat(self.parts), *_flat(self.holdings)]
        return [a for a in everything if a.allowed]

    def names(self) -> set[str]:
        return {a.name for a in self.allowed()}

    def __bool__(self) -> bool:
        return bool(self.allowed())


def _flat(by_key: dict[int, list[Action]]) -> list[Action]:
    return [a for actions in by_key.values() for a in actions]


def actions_for(
    user, request: Request, parts: list[RequestSubject] | None = None, case: Case | None = None
) -> Actions:
    """Every step this person's roles allow, on this request now, each with
    whether it may be taken and why not."""
    if parts is None:
        parts = list(
            RequestSubject.objects.filter(request=request)
            .select_related("person", "assignee", "worker", "request")
            .order_by("number")
        )
    case = case or case_of(request, parts)
    actor = actor_of(user)
    found = Actions()
    held = holdings_of(request)
    for spec in steps.STEPS.values():
        if not actor.roles & spec.roles:
            continue
        if spec.on == REQUEST:
            found.request.append(Action(spec, steps.refusal(spec.name, actor, case)))
        elif spec.on == PART:
            for part in case.parts:
                refusal = steps.refusal(spec.name, actor, case, part)
                found.parts.setdefault(part.number, []).append(
                    Action(spec, refusal, subject=part.number)
                )
        elif spec.on == HOLDING:
            for holding in held:
                refusal = steps.refusal(spec.name, actor, case, holding=holding)
                found.holdings.setdefault(holding.key, []).append(
                    Action(spec, refusal, holding=holding.key)
                )
    return found
