"""Two people taking the same step at once: exactly one succeeds (issue 6, item 4).

Twenty CSMs' sessions press "Record decision" on the same part at the same
moment. The step locks the request row (casework/steps/_base.py: begin), so
they take turns: the first decides, and every later one finds the part
already decided and is refused, with nothing written. PostgreSQL only: SQLite
lets one writer in at a time anyway, so it would prove nothing there.
"""

import pytest
from casework_factories import build_office, forwarded
from threads_at_once import THREADS, at_once

from disclose.audit.log import verify
from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.errors import StepRefused
from disclose.casework.models import Message, StaffNotification
from disclose.records.models import CaseNote, Role

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.only_on(
        "postgresql",
        reason="needs PostgreSQL's row locks; SQLite runs one writer at a time",
    ),
]


@pytest.mark.parametrize(
    ("decision", "later_refused_with"),
    # An approval hands the part to the team manager, so later CSMs no longer hold
    # it; a decline leaves it with the CSM, declined.
    [("approve", "not_assigned_to_you"), ("decline", "wrong_state")],
)
def test_twenty_csms_deciding_at_once_make_exactly_one_decision(decision, later_refused_with):
    for code in Role.Code:  # a transactional test starts from empty tables
        Role.objects.get_or_create(code=code.value)
    office = build_office()
    person = office.closed_case()
    request = forwarded(office, person)
    notes, events = CaseNote.objects.count(), AuditEvent.objects.count()
    sent = Message.objects.count() + StaffNotification.objects.count()

    results = at_once(
        lambda: services.decide(
            actor=office.csm_t1, request=request, decision=decision, reason="Proportionate."
        )
    )

    refusals = [r for r in results if isinstance(r, StepRefused)]
    decided = [r for r in results if not isinstance(r, Exception)]
    assert len(decided) == 1, [r for r in results if isinstance(r, Exception)][:3]
    assert len(refusals) == THREADS - 1
    assert {r.code for r in refusals} == {later_refused_with}
    part = request.subjects.get()
    assert part.decision == decision
    assert CaseNote.objects.count() == notes + 1
    assert AuditEvent.objects.filter(event_type="decide").count() == 1
    assert AuditEvent.objects.count() == events + 1
    # One email: the team manager's task, or the decline to the requestor.
    assert Message.objects.count() + StaffNotification.objects.count() == sent + 1
    assert verify().ok
