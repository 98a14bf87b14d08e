"""The closed-paper route (2.1.3) end to end through /api/v1/ only: a scoped
token logs the request, as a police or agency portal would; each step is taken
by the member of staff named in the scenario file, signed in, through the step
operations made from the declarations."""

import pytest
from api_scenarios import run_through_api

from disclose.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_closed_paper_route_through_the_api_only():
    run = run_through_api("closed-paper-last-team.yaml", portal_name="Foster agency portal")
    for answer in run.answers:
        assert answer["status"] == 200, answer
    after_forward = run.answers[3]["body"]
    assert after_forward["state"] == "forwarded"
    assert after_forward["parts"][0]["assignee"]["username"] == "csm1"

    reference, officer = run.reference, run.staff["scimt1"]
    final = officer.get(f"/requests/{reference}").json()
    assert final["state"] == "closed"
    assert final["parts"][0]["route"] == "closed_paper:last_team_csm"
    assert final["steps"] and not any(s["allowed"] for s in final["steps"])
    kinds = [m["kind"] for m in officer.get(f"/requests/{reference}/messages").json()]
    assert "basic_information" in kinds and "information_supplied" in kinds
    # The portal follows its own request: closed, and every time limit met.
    followed = run.portal.get(f"/requests/{reference}")
    assert followed.status_code == 200 and followed.json()["state"] == "closed"
    assert all(d["done_on"] for d in run.portal.get(f"/requests/{reference}/deadlines").json())
    # The trail names the portal's client as who logged it, and each person for each step.
    logged_by = AuditEvent.objects.get(event_type="receive_request", request_reference=reference)
    assert logged_by.actor.first_name == "Foster agency portal"
    steps_by = AuditEvent.objects.filter(
        request_reference=reference, category=AuditEvent.Category.CHANGE
    ).exclude(event_type="receive_request")
    assert {e.actor.username for e in steps_by} == {"scimt1", "csm1", "tm1", "sw1", "bs1"}
