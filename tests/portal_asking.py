"""A professional's request through the portal, and the SCIMT logging it from
the draft page, as a test would drive them (test client, not a browser)."""

from django.test import Client

from disclose.intake.confirm import initial_answers
from disclose.intake.models import DraftRequest

ANSWERS = {
    "kind": "information",
    "extent": "specific",
    "requestor_name": "DC Morag Pike",
    "requestor_agency": "police",
    "requestor_role": "Detective constable",
    "requestor_phone": "0115 496 0000",
    "requestor_relationship": "Investigating officer in a section 47 enquiry about Jayden.",
    "consent": "no",
    "lawful_basis": "Section 47 of the Children Act 1989.",
    "details": "Dates of any child protection plan, 2014 to 2016.",
    "subject_count": "1",
    "s1_forename": "Jayden",
    "s1_surname": "Smith",
    "s1_dob_day": "4",
    "s1_dob_month": "3",
    "s1_dob_year": "2010",
}


def ask(client: Client, **changes) -> DraftRequest:
    response = client.post("/portal/ask/", {**ANSWERS, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    return DraftRequest.objects.order_by("-id").first()


def confirm_as_scimt(officer, draft: DraftRequest) -> str:
    """The officer opens the draft and logs it as it stands: nothing retyped."""
    client = Client()
    client.force_login(officer)
    page = client.get(f"/requests/by-email/{draft.pk}/")
    assert page.status_code == 200
    answers = {k: "" if v is None else str(v) for k, v in initial_answers(draft).items()}
    answers["subject_count"] = str(max(1, len(draft.subjects)))
    response = client.post(f"/requests/by-email/{draft.pk}/", answers)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    return draft.request_reference
