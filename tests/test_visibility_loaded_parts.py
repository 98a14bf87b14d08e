"""One rule decides who may see a request (casework/visibility.py): on many
generated requests, every member of staff gets the same answer from the
request page (the request read with its parts, as the page reads it) as from
the request alone, and the same as the list of requests they may see."""

import random
from datetime import date

import pytest
from casework_factories import build_office, make_staff
from django.utils import timezone

from disclose.casework.models import PartHolder, Request, RequestSubject, StaffNotification
from disclose.casework.visibility import can_see, visible_requests
from disclose.web.views.requests_page import load_request

pytestmark = pytest.mark.django_db

PART_STATES = ["awaiting_decision", "awaiting_allocation", "allocated", "declined", "supplied"]


def generated_requests(office, staff: list, rng: random.Random, count: int) -> list[Request]:
    """Requests whose parts name people at random: held by, worked by, decided
    by, re-verified by, handed on by (ended or not), or a task given to them."""

    def anyone():
        return rng.choice([None, None, *staff])

    requests = []
    for i in range(count):
        case = Request.objects.create(
            reference=f"AR-2099-{i:06d}",
            received=date(2026, 1, 1),
            channel="email",
            requestor_name="DC Jane Doe",
            requestor_agency="police",
            consent=True,
            details="Dates of any plan.",
            state="forwarded",
            owner=rng.choice([None, None, None, *staff]),
        )
        for number in range(1, rng.randint(1, 3) + 1):
            part = RequestSubject.objects.create(
                request=case,
                number=number,
                forename="Sam",
                surname=f"Generated{i}",
                dob=date(2012, 1, 1),
                route="closed_paper:dcpt_csm",
                state=rng.choice(PART_STATES),
                assignee=anyone(),
                worker=anyone(),
                decided_by=anyone(),
                identity_reverified_by=anyone(),
            )
            if rng.random() < 0.3:
                PartHolder.objects.create(
                    subject=part,
                    request=case,
                    staff=rng.choice(staff),
                    role=rng.choice(["csm", "team_manager", "social_worker"]),
                    since=timezone.now(),
                    until=rng.choice([None, timezone.now()]),
                )
            if rng.random() < 0.2:
                StaffNotification.objects.create(
                    staff=rng.choice(staff),
                    request=case,
                    subject=part,
                    kind=rng.choice(["task_allocated", "hard_copies_to_approve"]),
                    subject_line="A task",
                    text="A task.",
                )
        requests.append(case)
    return requests


@pytest.mark.parametrize("seed", range(2))
def test_the_page_the_request_and_the_list_give_the_same_answer(seed):
    office = build_office()
    # A team manager of two teams, a worker with no team, someone who has left.
    office.dcpt.team_manager = make_staff("tm_both", "team_manager", team=office.t1)
    office.dcpt.save()
    staff = [
        office.scimt,
        office.csm_t1,
        office.tm_t1,
        office.sw_t1,
        office.csm_d,
        office.tm_d,
        office.sw_d,
        office.csm_m,
        office.tm_m,
        office.bs,
        office.dcpt.team_manager,
        make_staff("sw_none", "social_worker"),
        make_staff("sw_left", "social_worker", team=office.t1, is_active=False),
    ]
    rng = random.Random(seed)
    cases = generated_requests(office, staff, rng, 25)
    for person in staff:
        visible = set(visible_requests(person).values_list("pk", flat=True))
        for case in cases:
            # Fresh rows each time: nothing cached from another person's answer.
            plain = Request.objects.get(pk=case.pk)
            loaded = load_request(case.reference)
            expected = can_see(person, plain)
            assert can_see(person, loaded) == expected, (person.username, case.reference)
            if person.is_active:
                assert expected == (case.pk in visible or case.owner_id == person.pk)
    assert sum(can_see(p, c) for p in staff for c in cases) > 30  # both answers occur
