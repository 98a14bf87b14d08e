"""Information governance's reads: whether the audit trail is intact, and the
disclosure log. For information governance and administrators signed in, or a
token with the scope; each call is itself audited, as the pages are."""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from disclose.audit.log import record_access, verify
from disclose.casework.models import Disclosure
from disclose.casework.models.requests import Agency
from disclose.web.forms_reports import DateRangeForm
from disclose.web.views.governance import GOVERNANCE_ROLES

from ..auth import Caller
from ..errors import COMMON, ApiError, Error
from ..schemas import example

router = Router(tags=["Information governance"])
PER_PAGE = 100


def _audit(caller: Caller, event_type: str, **detail) -> None:
    detail["via"] = "api"
    if caller.token is not None:
        detail["token"] = caller.token.name
    record_access(event_type=event_type, actor=caller.staff, detail=detail)


class Verified(Schema):
    ok: bool
    events: int
    problem: str
    first_bad_seq: int | None
    waiting: int
    checkpoints: int

    model_config = example(
        {
            "ok": True,
            "events": 48211,
            "problem": "",
            "first_bad_seq": None,
            "waiting": 3,
            "checkpoints": 12,
        }
    )


@router.get(
    "/audit/verify",
    response={200: Verified, **COMMON},
    operation_id="verify_audit_trail",
    summary="Check that the audit trail is intact",
    description="Walks the hash chain and holds it up to the signed checkpoints, as "
    "`disclose audit verify` does: `ok` false names the first event altered or missing. "
    "Needs the `audit_verify` scope, or information governance or an administrator.",
)
def verify_audit_trail(request: HttpRequest):
    caller = request.auth
    caller.require("audit_verify", GOVERNANCE_ROLES)
    result = verify()
    _audit(caller, "audit_verified", ok=result.ok)
    return {
        "ok": result.ok,
        "events": result.events,
        "problem": result.problem,
        "first_bad_seq": result.first_bad_seq,
        "waiting": result.waiting,
        "checkpoints": result.checkpoints,
    }


class LogFilter(Schema):
    start: date | None = None
    end: date | None = None
    agency: Agency | None = None  # type: ignore[valid-type]
    page: int = Field(1, ge=1, le=100000)


class DisclosureOut(Schema):
    reference: str
    subject: int | None
    kind: str
    what: str
    to_name: str
    to_agency: str
    disclosed_at: datetime
    basis: str
    disclosed_by: str


class DisclosureLog(Schema):
    start: date
    end: date
    count: int
    page: int
    items: list[DisclosureOut]

    model_config = example(
        {
            "start": "2025-12-03",
            "end": "2026-12-02",
            "count": 1,
            "page": 1,
            "items": [
                {
                    "reference": "AR-2026-000123",
                    "subject": 1,
                    "kind": "information_supplied",
                    "what": "Placement dates 1999-2004.",
                    "to_name": "Claire Dunn",
                    "to_agency": "fostering_agency",
                    "disclosed_at": "2026-11-20T15:04:00Z",
                    "basis": "consent",
                    "disclosed_by": "sw1",
                }
            ],
        }
    )


def _range(given: LogFilter) -> tuple[date, date]:
    """The page's own date range rules (blank: the 12 months up to today)."""
    data = {}
    for end, value in (("from", given.start), ("to", given.end)):
        if value is not None:
            data |= {
                f"{end}_day": value.day,
                f"{end}_month": value.month,
                f"{end}_year": value.year,
            }
    form = DateRangeForm(data)
    if not form.is_valid():
        problems = [
            {"field": "start" if name.startswith("from") else "end", "message": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        raise ApiError(422, "invalid_date", problems[0]["message"], problems=problems)
    return form.range()


@router.get(
    "/disclosure-log",
    response={200: DisclosureLog, 422: Error, **COMMON},
    operation_id="read_disclosure_log",
    summary="Read the disclosure log",
    description=f"Every disclosure between two dates (the last 12 months unless you say), "
    f"newest first, {PER_PAGE} a page. Needs the `read_disclosure_log` scope, or information "
    "governance or an administrator.",
)
def read_disclosure_log(request: HttpRequest, filters: Query[LogFilter]):
    caller = request.auth
    caller.require("read_disclosure_log", GOVERNANCE_ROLES)
    start, end = _range(filters)
    rows = Disclosure.objects.filter(
        disclosed_at__date__gte=start, disclosed_at__date__lte=end
    ).select_related("request", "disclosed_by", "subject")
    if filters.agency:
        rows = rows.filter(to_agency=filters.agency)
    count = rows.count()
    first = (filters.page - 1) * PER_PAGE
    page = rows.order_by("-disclosed_at", "-id")[first : first + PER_PAGE]
    _audit(
        caller,
        "disclosure_log_viewed",
        start=str(start),
        end=str(end),
        agency=filters.agency or "",
        page=filters.page,
    )
    return {
        "start": start,
        "end": end,
        "count": count,
        "page": filters.page,
        "items": [
            {
                "reference": d.request.reference,
                "subject": d.subject.number if d.subject_id else None,
                "kind": d.kind,
                "what": d.what,
                "to_name": d.to_name,
                "to_agency": d.to_agency,
                "disclosed_at": timezone.localtime(d.disclosed_at),
                "basis": d.basis,
                "disclosed_by": d.disclosed_by.username,
            }
            for d in page
        ],
    }
