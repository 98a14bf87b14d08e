"""2.1.3.3: microfilm is asked of the holder the council profile names, and
business support see it in their queue."""

import pytest
from casework_factories import add_holding, approved, build_office

from disclose.audit.models import AuditEvent
from disclose.casework import services
from disclose.casework.models import StaffNotification
from disclose.council.models import CouncilProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return build_office()


def _microfilm_asked_for(office):
    person = office.closed_case(office.t0)
    holding = add_holding(person, "microfilm", reference="MF-0042")
    case = approved(office, person, office.csm_d)
    services.allocate(actor=office.tm_d, request=case, worker=office.sw_d)
    services.verify_identity(
        actor=office.sw_d, request=case, method="call_back", outcome="verified"
    )
    services.request_microfilm(actor=office.sw_d, request=case, holding=holding)
    return case


def test_microfilm_is_asked_of_solutions4data_by_default(client, office):
    case = _microfilm_asked_for(office)
    note = StaffNotification.objects.get(staff=office.bs, kind="files_requested")
    assert "held by Solutions4Data at County Hall" in note.text
    assert "ask Solutions4Data at County Hall for access" in note.text
    event = AuditEvent.objects.get(event_type="request_microfilm")
    assert event.detail["holder"] == "Solutions4Data at County Hall"
    client.force_login(office.bs)
    page = client.get("/").content.decode()
    files = page[page.index("Files to fetch and return") :]
    assert "MF-0042" in files and case.reference in files
    assert "Ask Solutions4Data at County Hall for access" in files


def test_microfilm_names_the_holder_of_the_councils_profile(client, office):
    profile = CouncilProfile.current()
    profile.microfilm_holder = "Archive Services Ltd"
    profile.save()
    _microfilm_asked_for(office)
    note = StaffNotification.objects.get(staff=office.bs, kind="files_requested")
    assert "held by Archive Services Ltd" in note.text and "Solutions4Data" not in note.text
    client.force_login(office.bs)
    assert "Ask Archive Services Ltd for access" in client.get("/").content.decode()
