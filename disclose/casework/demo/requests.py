"""A handful of demo requests at different stages, made through the services
as staff would make them (issue 13, item 8): so the demo opens with work in
the queues of the people it prints sign-ins for. Synthetic people only."""

from django.db.models import Q
from faker import Faker

from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Request
from disclose.records.models import Person, Staff

fake = Faker("en_GB")


def _person(**episode) -> Person | None:
    return (
        Person.objects.filter(**{f"episodes__{k}": v for k, v in episode.items()})
        .exclude(dob=None)
        .order_by("pk")
        .first()
    )


def _receive(scimt: Staff, person: Person, agency: str) -> Request:
    return services.receive_request(
        actor=scimt,
        channel="email",
        requestor_name=fake.name(),
        requestor_agency=agency,
        requestor_role="Detective Constable" if agency == "police" else "Family Court Adviser",
        requestor_email=f"{fake.user_name()}@example.org",
        consent=True,
        details="Whether the child is known, and the dates of any child protection plan.",
        subjects=[{"forename": person.forename, "surname": person.surname, "dob": person.dob}],
    )


def _to_forward(scimt: Staff, request: Request, person: Person) -> None:
    services.verify_identity(actor=scimt, request=request, method="call_back", outcome="verified")
    services.match_subject(actor=scimt, request=request, subject=1, person=person)
    services.share_basic_information(actor=scimt, request=request)
    services.forward(actor=scimt, request=request)


def seed_demo_requests(logins: list[dict]) -> list[str]:
    """Requests just logged, checked, with a CSM, approved and with a worker;
    returns their references. A stage the records cannot reach is left out."""
    if Request.objects.exists():
        return []
    by_label = {login["label"]: login["username"] for login in logins}
    scimt = Staff.objects.get(username=by_label["SCIMT officer"])
    worker = Staff.objects.get(username=by_label["Social worker"])
    csm = Staff.objects.get(username=by_label["Children's service manager"])
    closed_here = Q(episodes__end__isnull=False, episodes__team=worker.team)
    made = []
    stages = [
        ("logged", _person(end__isnull=False), "police"),
        ("checked", _person(end__isnull=False, team__active=True), "cafcass"),
        ("with the worker", _person(end__isnull=True, worker=worker), "police"),
        ("with the CSM", Person.objects.filter(closed_here).exclude(dob=None).first(), "cafcass"),
        ("approved", Person.objects.filter(closed_here).exclude(dob=None).last(), "police"),
    ]
    for stage, person, agency in stages:
        if person is None:
            continue
        try:
            request = _receive(scimt, person, agency)
            if stage == "checked":
                services.verify_identity(
                    actor=scimt, request=request, method="call_back", outcome="verified"
                )
            elif stage != "logged":
                _to_forward(scimt, request, person)
            if stage == "approved":
                services.decide(
                    actor=csm, request=request, decision="approve", reason="Proportionate."
                )
        except StepRefused:
            continue  # the demo records do not allow this stage: leave it out
        made.append(request.reference)
    return made
