"""The spec's example in the browser's place (spec/scenarios.md): a closed case
whose team is gone, with paper records, from intake to close through the
pages alone, signing in as each role in turn."""

from datetime import date

import pytest
from casework_factories import add_cp_plan, add_episode, add_holding, build_office, make_person
from django.test import Client

from disclose.audit.log import verify
from disclose.casework.models import Request
from disclose.records.models import Holding
from disclose.records.search import reindex_persons

pytestmark = pytest.mark.django_db

INTAKE = {
    "channel": "email",
    "kind": "information",
    "extent": "specific",
    "requestor_name": "DC Jane Doe",
    "requestor_agency": "police",
    "requestor_role": "Detective Constable",
    "requestor_email": "jane.doe@example.police.uk",
    "requestor_phone": "0115 000 0000",
    "consent": "yes",
    "details": "Dates of any child protection plan for Jayden.",
    "subject_count": "1",
    "s1_forename": "Jaden",
    "s1_surname": "Smith",
    "s1_dob_day": "4",
    "s1_dob_month": "3",
    "s1_dob_year": "2010",
}


def signed_in(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def post_step(client: Client, url: str, data: dict | None = None) -> str:
    """POST a step and follow the redirect to the request page; return that page."""
    response = client.post(url, data or {}, follow=True)
    assert response.redirect_chain, response.content.decode()[:3000]
    assert response.redirect_chain[-1][0].startswith("/requests/")
    return response.content.decode()


def test_the_spec_example_runs_from_intake_to_close_in_the_pages():
    office = build_office()
    person = make_person(forename="Jayden", surname="Smith", dob=date(2010, 3, 4))
    add_episode(person, office.t0, start=date(2014, 1, 1), end=date(2016, 5, 1))
    add_cp_plan(person)
    holding = add_holding(person, "paper", reference="BOX-1187")
    reindex_persons([person.pk])

    scimt = signed_in(office.scimt)
    page = post_step(scimt, "/requests/new/", INTAKE | {"confirmed": "yes"})
    case = Request.objects.get()
    url = f"/requests/{case.reference}"
    assert f"Request {case.reference} logged" in page

    post_step(scimt, f"{url}/verify-identity/", {"method": "call_back", "outcome": "verified"})
    results = scimt.post(
        f"{url}/subjects/1/match/",
        {"search": "1", "forename": "Jaden", "surname": "Smith", "dob_day": "4"}
        | {"dob_month": "3", "dob_year": "2010"},
    ).content.decode()
    assert "Jayden Smith" in results and "This is the person" in results
    post_step(scimt, f"{url}/subjects/1/match/", {"person": person.pk})
    post_step(scimt, f"{url}/share-basic-information/")
    page = post_step(scimt, f"{url}/forward/", {"confirm": "yes"})
    assert "Closed case, paper files: to the DCPT&#x27;s CSM" in page and "2.1.3" in page

    csm = signed_in(office.csm_d)
    post_step(
        csm,
        f"{url}/subjects/1/decide/",
        {"decision": "approve", "reason": "Specific and proportionate.", "confirm": "yes"},
    )
    post_step(signed_in(office.tm_d), f"{url}/subjects/1/allocate/", {"worker": office.sw_d.pk})

    worker = signed_in(office.sw_d)
    page = worker.get(f"{url}/").content.decode()
    assert "Supply information" not in page  # identity first, on a closed case (2.1.3.2)
    post_step(
        worker,
        f"{url}/subjects/1/reverify-identity/",
        {"method": "call_back", "outcome": "verified"},
    )
    post_step(worker, f"{url}/subjects/1/request-paper-files/", {"holding": holding.pk})

    support = signed_in(office.bs)
    assert "Fetch from storage" in support.get("/").content.decode()
    post_step(support, f"{url}/holdings/{holding.pk}/retrieve-files/")
    post_step(
        worker,
        f"{url}/subjects/1/supply-information/",
        {"summary": "CP plan 2014-2015 dates supplied.", "documents": "", "confirm": "yes"},
    )
    assert "Close the request" not in worker.get(f"{url}/").content.decode()  # files still out
    post_step(support, f"{url}/holdings/{holding.pk}/return-files/")
    page = post_step(worker, f"{url}/close/", {"reason": "Information supplied.", "confirm": "yes"})

    case.refresh_from_db()
    assert case.state == "closed"
    assert Holding.objects.get(pk=holding.pk).status == "in_storage"
    assert "Request closed" in page and "Closed" in page
    # Closed, but hard copies may still be asked for once information is supplied (2.2).
    actions = page[page.index("What you can do now") : page.index("Who the request is about")]
    assert "Close the request" not in actions and "Ask for hard copies" in page
    assert verify().ok
