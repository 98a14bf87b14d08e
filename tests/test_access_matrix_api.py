"""The access matrix for the API (issue 16, item 3): every operation in the
OpenAPI document, for anyone not signed in, for a member of staff in every
role, and for a token with each scope, against a request, document and
holding that belong to another team's work (test_access_matrix.py's).

A 2xx only where the pages would allow the same: listing only the requests
someone may see, reading a request they may see (casework/visibility.py), a step actions_for offers them now, a
document they have a reason to see, logging a request as the SCIMT, the
governance reads and the import for their roles; a token only within its
scopes. Anyone not signed in gets 401. Someone who may not see the request
gets 403 or 404, never a refusal that would say where it stands; nothing not
allowed carries the other team's data; nothing is a server error.
"""

import io

import pytest
from api_client import StaffClient, TokenClient, token_for
from django.test import Client
from hard_copy_factories import PDF
from test_access_matrix import ANONYMOUS, ROLES, SUPERUSER, staff_fixture, theirs_fixture

from disclose.api.main import api
from disclose.api.scopes import SCOPES
from disclose.casework.actions import actions_for
from disclose.casework.document_access import may_see
from disclose.casework.models import Request
from disclose.casework.visibility import can_see
from disclose.web.roles import has_any_role
from disclose.web.views.governance import GOVERNANCE_ROLES

pytestmark = pytest.mark.django_db
__all__ = ["staff_fixture", "theirs_fixture"]  # the page matrix's people and their work

TOKENS = [f"token:{scope}" for scope in SCOPES]
ROWS = [ANONYMOUS, *ROLES, SUPERUSER, *TOKENS]
READS = {"read_request", "read_messages", "read_documents", "read_deadlines"}
GOVERNANCE = {"verify_audit_trail": "audit_verify", "read_disclosure_log": "read_disclosure_log"}


def operations() -> list[tuple[str, str, dict]]:
    document = api.get_openapi_schema()
    return [
        (method.upper(), path, operation)
        for path, by_method in document["paths"].items()
        for method, operation in by_method.items()
    ]


class Anonymous:
    def __init__(self) -> None:
        self.client = Client()


def _caller(row: str, staff):
    if row == ANONYMOUS:
        return Anonymous()
    if row.startswith("token:"):
        return TokenClient(token_for(row.split(":", 1)[1], name=f"Matrix {row}"))
    return StaffClient(staff[row])


def _call(client, method: str, path: str, operation: dict, theirs):
    url = path.replace("{reference}", theirs["request"].reference).replace(
        "{document_id}", str(theirs["document"].pk)
    )
    raw = client.client
    headers = {"X-CSRFToken": client.csrf} if isinstance(client, StaffClient) else {}
    if method == "GET":
        return raw.get(url)
    content = operation.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        form = {}
        for name, value in content["multipart/form-data"]["example"].items():
            form[name] = io.BytesIO(PDF) if value == "(the file)" else value
            if value == "(the file)":
                form[name].name = "letter.pdf"
        return raw.post(url, form, headers=headers)
    body = content["application/json"]["example"]
    return raw.post(url, body, content_type="application/json", headers=headers)


def allowed(row: str, name: str, staff, theirs) -> bool:
    """May this row get a 2xx from operation `name`, on the other team's work, now?"""
    if row == ANONYMOUS:
        return False
    if row.startswith("token:"):
        scope = row.split(":", 1)[1]
        # A token reads only what it logged; the other team's request it did not.
        return {
            "list_requests": "read_requests",  # an empty list: it logged none
            "log_request": "log_requests",
            "import_records": "import_records",
            **GOVERNANCE,
        }.get(name) == scope
    member = staff[row]
    request = Request.objects.get(pk=theirs["request"].pk)
    if name == "list_requests":
        return True  # a list of what they may see: checked below
    if name in READS:
        return can_see(member, request)
    if name == "download_document":
        return may_see(member, theirs["document"])
    if name == "log_request":
        return "scimt_officer" in member.role_codes()
    if name in GOVERNANCE:
        return has_any_role(member, GOVERNANCE_ROLES)
    if name == "import_records":
        return has_any_role(member, {"admin"})
    step = name.removeprefix("take_")
    return can_see(member, request) and step in actions_for(member, request).names()


@pytest.mark.parametrize("row", ROWS)
def test_no_role_or_token_gets_an_operation_it_is_not_allowed(staff, theirs, row):
    client = _caller(row, staff)
    wrong, tried = [], set()
    for method, path, operation in operations():
        name = operation["operationId"]
        tried.add(name)
        ok = allowed(row, name, staff, theirs)
        member = staff.get(row) if row in staff else None
        could_see = member is not None and can_see(
            member, Request.objects.get(pk=theirs["request"].pk)
        )
        response = _call(client, method, path, operation, theirs)
        status = response.status_code
        where = f"{method} {path} ({name})"
        if status >= 500:
            wrong.append(f"{where}: server error {status}")
        elif 200 <= status < 300 and not ok:
            wrong.append(f"{where}: {status}, not declared allowed")
        elif row == ANONYMOUS and status != 401:
            wrong.append(f"{where}: {status} for someone not signed in")
        elif not ok and status not in (401, 403, 404, 409, 422):
            wrong.append(f"{where}: unexpected {status}")
        elif member is not None and "{reference}" in path and not could_see:
            if status not in (403, 404):
                wrong.append(f"{where}: {status} to someone who may not see the request")
        if name == "list_requests" and status == 200:
            listed = theirs["request"].reference in response.content.decode()
            if listed != could_see:
                wrong.append(f"{where}: lists their request: {listed}, may see it: {could_see}")
        if not ok and not getattr(response, "streaming", False):
            body = response.content.decode(errors="replace")
            leaked = [s for s in theirs["secrets"] if s in body]
            if leaked:
                wrong.append(f"{where}: shows {leaked}")
    assert tried == {op["operationId"] for _, _, op in operations()}
    assert not wrong, "\n".join(wrong)


def test_the_document_and_its_docs_page_answer_anyone():
    assert Client().get("/api/v1/openapi.json").status_code == 200
    assert Client().get("/api/v1/docs").status_code == 200


def test_an_overseer_reads_the_other_teams_request_and_a_worker_elsewhere_does_not(staff, theirs):
    reference = theirs["request"].reference
    officer = StaffClient(staff["scimt_officer"])
    assert officer.get(f"/requests/{reference}").status_code == 200
    worker = StaffClient(staff["social_worker"])
    hidden = worker.get(f"/requests/{reference}")
    assert hidden.status_code == 404
    assert not any(s in hidden.content.decode() for s in theirs["secrets"])
    governance = StaffClient(staff["information_governance"])
    download = governance.get(f"/documents/{theirs['document'].pk}/file")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
