"""Small worlds of records for casework tests, built directly with the ORM.

`office` is one locality's set-up: a live social work team (T1), a team that
no longer exists (T0), the locality's DCPT and the MASH, each with its CSM and
team manager, plus a SCIMT officer, social workers and business support. Tests
add the persons and episodes they need, then drive a request with `Drive`.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone
from faker import Faker

from disclose.api.auth import Caller
from disclose.api.tokens import issue_token
from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import (
    Disclosure,
    FileMovement,
    IdentityCheck,
    Message,
    Request,
    StaffNotification,
    SuppliedInformation,
)
from disclose.records.models import (
    CaseNote,
    Contact,
    CPPlan,
    Episode,
    Holding,
    Locality,
    Person,
    Role,
    Staff,
    Team,
)

fake = Faker("en_GB")
Faker.seed(3)


def make_staff(username: str, *roles: str, team: Team | None = None, **fields) -> Staff:
    fields.setdefault("first_name", fake.first_name())
    fields.setdefault("last_name", fake.last_name())
    fields.setdefault("email", f"{username}@council.example")
    staff = Staff.objects.create(username=username, team=team, **fields)
    staff.roles.set(Role.objects.filter(code__in=roles))
    return staff


def make_team(team_id: str, kind: str = "social_work", **fields) -> Team:
    fields.setdefault("name", f"Team {team_id}")
    return Team.objects.create(team_id=team_id, kind=kind, **fields)


def make_person(**fields) -> Person:
    fields.setdefault("person_id", f"P{Person.objects.count() + 1:05d}")
    fields.setdefault("forename", fake.first_name())
    fields.setdefault("surname", fake.last_name())
    fields.setdefault("dob", fake.date_of_birth(minimum_age=2, maximum_age=17))
    return Person.objects.create(**fields)


def add_episode(
    person: Person, team: Team | None, *, start=date(2014, 1, 1), end=None, worker=None
):
    return Episode.objects.create(
        referral_id=f"R{Episode.objects.count() + 1:05d}",
        person=person,
        team=team,
        worker=worker,
        start=start,
        end=end,
    )


def add_holding(person: Person, kind: str = "paper", **fields) -> Holding:
    fields.setdefault("holding_id", f"H{Holding.objects.count() + 1}")
    fields.setdefault("location", "Records Management Service")
    fields.setdefault("reference", f"BOX-{Holding.objects.count() + 1000}")
    return Holding.objects.create(person=person, kind=kind, **fields)


def add_mash_contact(person: Person) -> Contact:
    return Contact.objects.create(
        contact_id=f"C{Contact.objects.count() + 1}", person=person, date=date(2020, 5, 1)
    )


def add_cp_plan(person: Person, start=date(2014, 2, 1), end=date(2015, 3, 1)) -> CPPlan:
    return CPPlan.objects.create(person=person, start=start, end=end)


@dataclass
class Office:
    locality: Locality
    t1: Team  # a live social work team
    t0: Team  # a team that no longer exists
    dcpt: Team
    mash: Team
    scimt: Staff
    csm_t1: Staff
    tm_t1: Staff
    sw_t1: Staff
    csm_d: Staff
    tm_d: Staff
    sw_d: Staff
    csm_m: Staff
    tm_m: Staff
    bs: Staff

    def open_case(self, worker: Staff | None = None, team: Team | None = None) -> Person:
        person = make_person()
        add_episode(person, team or self.t1, start=date(2024, 1, 1), worker=worker)
        return person

    def closed_case(self, team: Team | None = None, *, paper: bool = False) -> Person:
        person = make_person()
        add_episode(person, team or self.t1, start=date(2014, 1, 1), end=date(2016, 5, 1))
        if paper:
            add_holding(person, "paper")
        return person


def build_office() -> Office:
    bassetlaw = Locality.objects.create(name="Bassetlaw")
    t1 = make_team("T1", name="Bassetlaw Children's Team 1", locality=bassetlaw)
    t0 = make_team("T0", name="Bassetlaw Children's Team 2", locality=bassetlaw, active=False)
    dcpt = make_team("DCPT-B", "dcpt", name="Bassetlaw DCPT", locality=bassetlaw)
    mash = make_team("MASH", "mash", name="MASH")
    staff = {
        "scimt": make_staff("scimt1", "scimt_officer", first_name="Sam", last_name="Officer"),
        "csm_t1": make_staff("csm_t1", "csm", team=t1),
        "tm_t1": make_staff("tm_t1", "team_manager", team=t1),
        "sw_t1": make_staff("sw_t1", "social_worker", team=t1, phone="01909 000111"),
        "csm_d": make_staff("csm_d", "csm", team=dcpt),
        "tm_d": make_staff("tm_d", "team_manager", team=dcpt),
        "sw_d": make_staff("sw_d", "social_worker", team=dcpt),
        "csm_m": make_staff("csm_m", "csm", team=mash),
        "tm_m": make_staff("tm_m", "team_manager", team=mash),
        "bs": make_staff("bs1", "business_support"),
    }
    for team, csm, tm in (
        (t1, "csm_t1", "tm_t1"),
        (dcpt, "csm_d", "tm_d"),
        (mash, "csm_m", "tm_m"),
    ):
        team.csm, team.team_manager = staff[csm], staff[tm]
        team.save()
    t0.csm = make_staff("csm_t0", "csm", team=t0, is_active=False)
    t0.save()
    return Office(locality=bassetlaw, t1=t1, t0=t0, dcpt=dcpt, mash=mash, **staff)


def receive(office: Office, *persons: Person | None, **fields) -> Request:
    """Log a request about these people (None: someone not in the records)."""
    subjects = [
        {"forename": p.forename, "surname": p.surname, "dob": p.dob}
        if p
        else {"forename": "Nobody", "surname": "Known", "dob": date(2012, 1, 1)}
        for p in persons
    ]
    fields.setdefault("channel", "email")
    fields.setdefault("requestor_name", "DC Jane Doe")
    fields.setdefault("requestor_agency", "police")
    fields.setdefault("requestor_email", "jane.doe@example.police.uk")
    fields.setdefault("consent", True)
    fields.setdefault("details", "Dates of any child protection plan.")
    return services.receive_request(actor=office.scimt, subjects=subjects, **fields)


def verified_and_matched(office: Office, *persons: Person | None, **fields) -> Request:
    request = receive(office, *persons, **fields)
    services.verify_identity(
        actor=office.scimt, request=request, method="call_back", outcome="verified"
    )
    for number, person in enumerate(persons, start=1):
        services.match_subject(actor=office.scimt, request=request, subject=number, person=person)
    return request


def forwarded(office: Office, *persons: Person | None, **fields) -> Request:
    request = verified_and_matched(office, *persons, **fields)
    services.share_basic_information(actor=office.scimt, request=request)
    services.forward(actor=office.scimt, request=request)
    return request


def approved(office: Office, person: Person, csm: Staff, lawful_basis=None, **fields) -> Request:
    request = forwarded(office, person, **fields)
    services.decide(
        actor=csm,
        request=request,
        decision="approve",
        reason="Proportionate.",
        lawful_basis=lawful_basis,
    )
    return request


def snapshot(request: Request) -> dict:
    """Everything a step could change, to prove a refused step changed nothing."""
    fresh = Request.objects.get(pk=request.pk)
    return {
        "state": fresh.state,
        "parts": list(
            fresh.subjects.order_by("number").values_list(
                "state", "assignee_id", "route", "decision", "person_id", "matched"
            )
        ),
        "case_notes": CaseNote.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "messages": Message.objects.count(),
        "notifications": StaffNotification.objects.count(),
        "disclosures": Disclosure.objects.count(),
        "supplied": SuppliedInformation.objects.count(),
        "identity_checks": IdentityCheck.objects.count(),
        "movements": FileMovement.objects.count(),
        "holdings": list(Holding.objects.order_by("pk").values_list("status", flat=True)),
    }


def assert_refused(code: str, verb, **arguments) -> StepRefused:
    """The step is refused with `code`, and nothing at all has changed."""
    before = snapshot(arguments["request"])
    with pytest.raises(StepRefused) as refused:
        verb(**arguments)
    assert refused.value.code == code, refused.value.message
    assert refused.value.message
    assert snapshot(arguments["request"]) == before
    return refused.value


def messages_of(request: Request, kind: str | None = None) -> list[Message]:
    rows = Message.objects.filter(request=request).order_by("id")
    return list(rows.filter(kind=kind) if kind else rows)


def part(request: Request, number: int = 1):
    return Request.objects.get(pk=request.pk).subjects.get(number=number)


def logged_through_the_api(
    received: date | None = None, portal: str = "Police portal"
) -> tuple[Request, Staff]:
    """A request the police portal logged through the API: its client account
    holds the intake, and belongs to no team. The request and that account."""
    token, _ = issue_token(
        name=portal, scopes=["log_requests"], expires_at=timezone.now() + timedelta(days=9)
    )
    client = Caller(staff=token.client, token=token).acting_as("scimt_officer")
    request = services.receive_request(
        actor=client,
        subjects=[{"forename": "Nobody", "surname": "Known", "dob": date(2012, 1, 1)}],
        channel="email",
        requestor_name="DC Jane Doe",
        requestor_agency="police",
        requestor_email="jane.doe@example.police.uk",
        consent=True,
        details="Dates of any child protection plan.",
        **({"received": received} if received else {}),
    )
    assert request.owner == token.client and token.client.team is None
    return request, token.client
