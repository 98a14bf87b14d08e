"""Running a scenario through the real service layer (shared/spec/scenarios.md).

`run_scenario` builds the world in whatever database Django is connected to
(the pytest database in tests; a throw-away SQLite file from the command, see
isolation.py), receives the request as the first SCIMT officer, then takes
each step as the named member of staff through casework.services, and nothing
else that changes a request. A refused step is a result, not a crash: it is
recorded with its code and the run goes on.
"""

from typing import Any

from django.utils import timezone

from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request
from disclose.records.models import Role, Staff

from .parse import ScenarioInvalid
from .records import RESERVED_STAFF_ID
from .schema import Scenario, Step
from .trail import build_trail, request_assignee
from .verbs import STAFF_VERBS, field
from .world import EMAIL_DOMAIN, World, build_world

SYSTEM_ACTOR = RESERVED_STAFF_ID
# Steps a later issue adds (hard copies): known to the file format, run when the
# service exists, otherwise recorded as not implemented.
NOT_IMPLEMENTED = "not_implemented"


def run_scenario(scenario: Scenario) -> dict[str, Any]:
    """Build the world, run every step, and return the trail (a JSON-ready dict)."""
    world = build_world(scenario.records)
    receiver = _receiver(scenario, world)
    request = _receive(scenario, receiver)
    steps, after_forward = [], None
    for step in scenario.steps:
        steps.append(_take(step, request, world))
        request.refresh_from_db()
        if step.verb == "forward" and steps[-1]["ok"] and after_forward is None:
            after_forward = {
                s.number: world.staff_id(s.assignee_id) for s in request.subjects.all()
            }
    return build_trail(scenario, request, world, steps, after_forward)


def _receiver(scenario: Scenario, world: World) -> Staff:
    """Whoever `request.logged_by` names (the allocated worker, for a request made
    to them directly: section 1), else the first SCIMT officer in the file (the
    first point of contact); a file without one is received by a system officer."""
    if scenario.request.logged_by:
        return world.staff[scenario.request.logged_by]
    for spec in scenario.records.staff:
        if "scimt_officer" in spec.roles:
            return world.staff[spec.id]
    officer = Staff(
        username=SYSTEM_ACTOR,
        first_name="Scenario",
        last_name="Intake",
        email=f"{SYSTEM_ACTOR}@{EMAIL_DOMAIN}",
    )
    officer.set_unusable_password()
    officer.save()
    officer.roles.set([Role.objects.get_or_create(code="scimt_officer")[0]])
    world.staff[SYSTEM_ACTOR] = officer
    return officer


def _receive(scenario: Scenario, actor: Staff) -> Request:
    """Log the request. Refused at receipt (someone who may not log it) is a
    file that cannot run: the run stops, naming `request.logged_by` (exit 2)."""
    try:
        return _log(scenario, actor)
    except StepRefused as refused:
        raise ScenarioInvalid(
            [f"{scenario.path}: request.logged_by: {refused.code}: {refused.message}"]
        ) from None


def _log(scenario: Scenario, actor: Staff) -> Request:
    spec = scenario.request
    who = spec.requestor
    return services.receive_request(
        actor=actor,
        channel=spec.channel,
        requestor_name=who.name,
        requestor_agency=who.agency,
        requestor_role=who.role,
        requestor_email=who.email,
        requestor_phone=who.phone,
        requestor_address=who.address,
        requestor_relationship=spec.requestor_relationship,
        kind=spec.kind,
        extent=spec.extent,
        consent=spec.consent,
        details=spec.details,
        subjects=[
            {"forename": s.forename, "surname": s.surname, "dob": s.dob} for s in spec.subjects
        ],
        received=spec.received or timezone.localdate(),
    )


def _take(step: Step, request: Request, world: World) -> dict[str, Any]:
    """One step as the named person; the trail line for it."""
    line: dict[str, Any] = {"n": step.n, "as": step.actor, "do": step.verb, "ok": True}
    function = services.VERBS.get(step.verb)
    error = None
    if function is None:
        error = {
            "code": NOT_IMPLEMENTED,
            "message": f"The step '{step.verb}' is not available in this version of Disclose.",
        }
    else:
        # A step about a member of staff (staff_leaves) has no request to name.
        about = {} if step.verb in STAFF_VERBS else {"request": request}
        try:
            function(actor=world.staff[step.actor], **about, **_arguments(step, world))
        except StepRefused as refused:
            error = {"code": refused.code, "message": refused.message}
    request.refresh_from_db()
    line.update(
        ok=error is None,
        state=request.state,
        assignee=request_assignee(request, world),
        error=error,
    )
    return line


def _arguments(step: Step, world: World) -> dict[str, Any]:
    """The file's ids turned into the rows the services take, each field as
    its declaration names it (procedure/steps.py)."""
    arguments = {}
    for key, value in step.fields.items():
        declared = field(step.verb, key)
        kind = declared.kind if declared else ""
        if kind == "staff":
            value = world.staff[value] if value is not None else None
        elif kind == "holding":
            value = world.holdings[value]
        elif kind == "person":
            value = world.persons[value] if value is not None else None
        elif kind == "texts":
            value = list(value)
        elif kind == "items":
            value = [dict(item) for item in value]
        arguments[declared.argument if declared else key] = value
    if step.verb == "dispatch_hard_copies" and arguments.get("method") == "cryptshare":
        # The spec's table gives dispatch only a method. A person sending by
        # Cryptshare must enter the transfer's reference; a scenario that gives
        # none is recorded as such rather than refused.
        arguments.setdefault("transfer_reference", f"not given in scenario step {step.n}")
    return arguments
