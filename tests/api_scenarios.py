"""Running a scenario file (tests/scenarios/) through /api/v1/ only: the
world of records is built as the scenario runner builds it; a token logs the
request; each step is taken by the member of staff the file names, signed in,
through the step operation made from the declaration behind the file's verb."""

from dataclasses import dataclass, field
from pathlib import Path

from api_client import StaffClient, TokenClient, token_for

from disclose.casework.models import Request
from disclose.casework.visibility import can_see
from disclose.procedure import steps as declared
from disclose.scenarios.parse import load_file
from disclose.scenarios.schema import Scenario
from disclose.scenarios.world import World, build_world

SCENARIOS = Path(__file__).parent / "scenarios"


@dataclass
class Run:
    scenario: Scenario
    world: World
    portal: TokenClient
    reference: str
    staff: dict[str, StaffClient]
    answers: list[dict] = field(default_factory=list)  # one per step: n, status, body


def step_for(verb: str, roles: frozenset[str]) -> str:
    """The declared step behind a file's verb, for this person's roles
    (verify_identity is the SCIMT's check, or the worker's check again)."""
    specs = declared.VERBS[verb]
    return next((s.slug for s in specs if s.roles & roles), specs[0].slug)


def body_of(step, world: World) -> dict:
    body = {}
    for name, value in step.fields.items():
        if name == "holding":
            value = world.holdings[value].pk
        body[name] = value
    if any(s.words.confirm for s in declared.VERBS[step.verb]):
        body["confirm"] = True  # the box the step's page asks to tick
    return body


def new_request(scenario: Scenario) -> dict:
    wanted = scenario.request
    who = wanted.requestor
    body = {
        "channel": wanted.channel,
        "kind": wanted.kind,
        "extent": wanted.extent,
        "requestor_name": who.name,
        "requestor_agency": who.agency,
        "requestor_role": who.role,
        "requestor_email": who.email,
        "requestor_phone": who.phone,
        "requestor_address": who.address,
        "consent": wanted.consent,
        "details": wanted.details,
        "subjects": [
            {"forename": s.forename, "surname": s.surname, "dob": s.dob} for s in wanted.subjects
        ],
    }
    if wanted.received:
        body["received"] = wanted.received
    return body


def run_through_api(name: str, portal_name: str = "Agency portal") -> Run:
    scenario = load_file(SCENARIOS / name)
    world = build_world(scenario.records)
    portal = TokenClient(token_for("log_requests", "read_requests", name=portal_name))
    logged = portal.post("/requests", new_request(scenario))
    assert logged.status_code == 201, logged.json()
    reference = logged.json()["reference"]
    staff = {key: StaffClient(member) for key, member in world.staff.items()}
    run = Run(scenario, world, portal, reference, staff)
    for step in scenario.steps:
        member = world.staff[step.actor]
        could_see = can_see(member, Request.objects.get(reference=reference))
        slug = step_for(step.verb, member.role_codes())
        answer = staff[step.actor].post(f"/requests/{reference}/steps/{slug}", body_of(step, world))
        run.answers.append(
            {"n": step.n, "status": answer.status_code, "body": answer.json(), "saw": could_see}
        )
    return run
