"""Hard copies through the pages (2.2 and the note at the end of section 1):
the worker lists them, the CSM who approved the sharing decides, a third
party's answer is recorded, business support attach the copy and send it."""

import pytest
from casework_factories import build_office, forwarded
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hard_copy_factories import PDF, supplied

from disclose.casework import services
from disclose.casework.models import Dispatch, HardCopyItem

pytestmark = pytest.mark.django_db

LIST = {
    "i1_title": "Child protection plan",
    "i1_date_day": "1",
    "i1_date_month": "2",
    "i1_date_year": "2014",
    "i2_title": "Police report",
    "i2_third_party": "yes",
    "i2_source": "Nottinghamshire Police",
}


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"


@pytest.fixture
def office(db):
    return build_office()


def signed_in(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def ok(client: Client, url: str, data: dict) -> str:
    response = client.post(url, data, follow=True)
    assert response.redirect_chain, response.content.decode()[:2000]
    return response.content.decode()


def test_hard_copies_are_listed_approved_confirmed_attached_and_sent_in_the_pages(office):
    case = supplied(office)
    url = f"/requests/{case.reference}"
    worker, csm, support = signed_in(office.sw_t1), signed_in(office.csm_t1), signed_in(office.bs)

    assert "Ask for hard copies" in worker.get(f"{url}/").content.decode()
    page = ok(worker, f"{url}/subjects/1/request-hard-copies/", LIST)
    assert "The list of hard copies has been sent for approval" in page
    assert "Decide on hard copies" not in page  # only the CSM who approved the sharing

    assert "Decide on hard copies" in csm.get(f"{url}/").content.decode()
    decision = {"decision": "approve", "reason": "For the court bundle.", "confirm": "yes"}
    ok(csm, f"{url}/subjects/1/decide-hard-copies/", decision)

    answer = {"item": "Police report", "confirmed": "yes", "who": "DS Lee Grant", "how": "email"}
    ok(worker, f"{url}/subjects/1/confirm-third-party/", answer)

    copy = SimpleUploadedFile("cp-plan.pdf", PDF, content_type="application/pdf")
    ok(support, f"{url}/upload-document/", {"file": copy, "title": "CP plan copy"})
    assert "CP plan copy" in support.get(f"{url}/documents/").content.decode()
    document = case.documents.get()
    ok(
        support,
        f"{url}/subjects/1/attach-hard-copy-file/",
        {"item": "Child protection plan", "document": document.pk},
    )
    page = ok(
        support,
        f"{url}/dispatch-hard-copies/",
        {"method": "cryptshare", "transfer_reference": "CS-2026-0042", "confirm": "yes"},
    )
    assert "Hard copies sent" in page
    assert set(HardCopyItem.objects.values_list("status", flat=True)) == {"dispatched"}
    assert Dispatch.objects.get().transfer_reference == "CS-2026-0042"


def test_a_csm_who_did_not_approve_the_sharing_is_refused_with_the_reason(office):
    # Not the police: their hard copies go to Legal Services instead (2.2).
    case = forwarded(office, office.closed_case(office.t0), requestor_agency="cafcass")
    services.pass_to_csm(actor=office.csm_d, request=case, to=office.csm_t1, reason="Mine.")
    services.decide(actor=office.csm_t1, request=case, decision="approve", reason="Specific.")
    services.allocate(actor=office.tm_d, request=case, worker=office.sw_d)
    services.verify_identity(
        actor=office.sw_d, request=case, method="call_back", outcome="verified"
    )
    services.supply_information(actor=office.sw_d, request=case, summary="CP plan dates.")
    url = f"/requests/{case.reference}"
    ok(signed_in(office.sw_d), f"{url}/subjects/1/request-hard-copies/", LIST)
    passed_on = signed_in(office.csm_d)  # held the part once, so may look
    assert "Decide on hard copies" not in passed_on.get(f"{url}/").content.decode()
    page = passed_on.post(
        f"{url}/subjects/1/decide-hard-copies/",
        {"decision": "approve", "reason": "Fine.", "confirm": "yes"},
    ).content.decode()
    assert "the CSM who approved sharing this information, can decide on hard copies" in page
    assert set(HardCopyItem.objects.values_list("status", flat=True)) == {"awaiting_approval"}


def test_sending_needs_a_cryptshare_reference(office):
    case = supplied(office)
    url = f"/requests/{case.reference}"
    ok(signed_in(office.sw_t1), f"{url}/subjects/1/request-hard-copies/", LIST)
    decision = {"decision": "approve", "reason": "For the court bundle.", "confirm": "yes"}
    ok(signed_in(office.csm_t1), f"{url}/subjects/1/decide-hard-copies/", decision)
    page = (
        signed_in(office.bs)
        .post(f"{url}/dispatch-hard-copies/", {"method": "cryptshare", "confirm": "yes"})
        .content.decode()
    )
    assert "Enter the reference of the Cryptshare transfer" in page
    assert not Dispatch.objects.exists()


def test_police_asking_for_hard_copies_are_told_to_contact_legal_services(office):
    case = supplied(office, requestor_agency="police", requestor_name="DC Jane Doe")
    url = f"/requests/{case.reference}"
    worker = signed_in(office.sw_t1)
    assert (
        "contact Legal Services instead"
        in worker.get(f"{url}/subjects/1/request-hard-copies/").content.decode()
    )
    ok(worker, f"{url}/subjects/1/request-hard-copies/", LIST)
    messages = worker.get(f"{url}/messages/").content.decode()
    assert "Contact Legal Services" in messages  # the message the requestor is sent
    assert set(HardCopyItem.objects.values_list("status", flat=True)) == {
        "redirected_to_legal_services"
    }
