"""What the API returns, each with an example for the OpenAPI document."""

from datetime import date, datetime

from ninja import Schema


def example(value: dict) -> dict:
    return {"json_schema_extra": {"examples": [value]}}


class StaffRef(Schema):
    username: str
    name: str


class Refused(Schema):
    code: str
    message: str


class StepNow(Schema):
    """A step this caller's roles could take here, and why not now, if not."""

    step: str
    subject: int | None = None
    holding: int | None = None
    allowed: bool
    refusal: Refused | None = None


class PartOut(Schema):
    number: int
    forename: str
    surname: str
    dob: date | None
    matched: bool
    person_id: str | None
    state: str
    route: str
    assignee: StaffRef | None
    decision: str


class RequestOut(Schema):
    reference: str
    received: date
    channel: str
    state: str
    kind: str
    extent: str
    consent: bool
    requestor_name: str
    requestor_agency: str
    requestor_role: str
    requestor_email: str
    requestor_phone: str
    details: str
    outcome_route: str
    closed_at: datetime | None
    parts: list[PartOut]
    steps: list[StepNow]

    model_config = example(
        {
            "reference": "AR-2026-000123",
            "received": "2026-11-30",
            "channel": "api",
            "state": "received",
            "kind": "information",
            "extent": "specific",
            "consent": True,
            "requestor_name": "DS Ada Lovelace",
            "requestor_agency": "police",
            "requestor_role": "Detective Sergeant",
            "requestor_email": "ada.lovelace@police.example",
            "requestor_phone": "",
            "details": "Any child protection involvement, for a strategy meeting.",
            "outcome_route": "",
            "closed_at": None,
            "parts": [
                {
                    "number": 1,
                    "forename": "Jamie",
                    "surname": "Hollis",
                    "dob": "2015-04-02",
                    "matched": False,
                    "person_id": None,
                    "state": "unmatched",
                    "route": "",
                    "assignee": None,
                    "decision": "",
                }
            ],
            "steps": [
                {
                    "step": "forward",
                    "subject": None,
                    "holding": None,
                    "allowed": False,
                    "refusal": {
                        "code": "identity_not_verified",
                        "message": "Verify the requestor's identity first.",
                    },
                }
            ],
        }
    )


class RequestSummary(Schema):
    reference: str
    received: date
    state: str
    requestor_agency: str
    requestor_name: str

    model_config = example(
        {
            "reference": "AR-2026-000123",
            "received": "2026-11-30",
            "state": "forwarded",
            "requestor_agency": "police",
            "requestor_name": "DS Ada Lovelace",
        }
    )


class RequestList(Schema):
    count: int
    items: list[RequestSummary]

    model_config = example(
        {
            "count": 1,
            "items": [
                {
                    "reference": "AR-2026-000123",
                    "received": "2026-11-30",
                    "state": "forwarded",
                    "requestor_agency": "police",
                    "requestor_name": "DS Ada Lovelace",
                }
            ],
        }
    )


class MessageOut(Schema):
    id: int
    kind: str
    subject: int | None
    to_address: str
    subject_line: str
    text: str
    created_at: datetime
    delivery: str

    model_config = example(
        {
            "id": 7,
            "kind": "acknowledgement",
            "subject": None,
            "to_address": "ada.lovelace@police.example",
            "subject_line": "Your request AR-2026-000123",
            "text": "We have received your request.",
            "created_at": "2026-11-30T10:02:00Z",
            "delivery": "sent",
        }
    )


class DocumentOut(Schema):
    id: int
    title: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    subject: int | None
    uploaded_by: StaffRef | None
    uploaded_at: datetime
    download: str

    model_config = example(
        {
            "id": 3,
            "title": "Disclosure letter",
            "original_name": "letter.pdf",
            "content_type": "application/pdf",
            "size": 48213,
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "subject": 1,
            "uploaded_by": {"username": "sw.jones", "name": "Sam Jones"},
            "uploaded_at": "2026-12-01T14:30:00Z",
            "download": "/api/v1/documents/3/file",
        }
    )


class DeadlineOut(Schema):
    stage: str
    label: str
    subject: int | None
    holder: StaffRef | None
    started_on: date
    limit: int
    due: date | None
    done_on: date | None
    overdue: bool
    stopped: bool

    model_config = example(
        {
            "stage": "acknowledge",
            "label": "Acknowledge",
            "subject": None,
            "holder": {"username": "scimt.khan", "name": "Priya Khan"},
            "started_on": "2026-11-30",
            "limit": 1,
            "due": "2026-12-01",
            "done_on": None,
            "overdue": False,
            "stopped": False,
        }
    )
