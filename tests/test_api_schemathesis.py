"""Schemathesis against a live test server (issue 16): cases generated from
the OpenAPI document for every operation, sent over HTTP to pytest-django's
live_server, once as a token with every scope and once as a SCIMT officer
signed in. Zero server errors, and every response as the document says: its
status, content type, headers and body.

Half the cases aim at a request and a document that exist, so the checks
reach past "not found". Settings hold on a busy 2-core machine: the same
examples every run, no deadline, a bounded number of cases (each operation's
explicit example, then MAX_EXAMPLES generated), no shrinking.
"""

import io
import os
import time

import pytest
import schemathesis
from api_client import token_for
from casework_factories import build_office, make_staff, receive
from django.test import Client
from hard_copy_factories import PDF
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import checks as conformance
from schemathesis.core.failures import Failure, FailureGroup

from disclose.api.scopes import SCOPES
from disclose.casework import services

# More by hand: DISCLOSE_SCHEMATHESIS_EXAMPLES=100 pytest tests/test_api_schemathesis.py -s
MAX_EXAMPLES = int(os.environ.get("DISCLOSE_SCHEMATHESIS_EXAMPLES", "4"))
CHECKS = [
    conformance.not_a_server_error,
    conformance.status_code_conformance,
    conformance.content_type_conformance,
    conformance.response_headers_conformance,
    conformance.response_schema_conformance,
]
BUSY_MACHINE = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(name="world")
def world_fixture(settings, tmp_path, transactional_db):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    case = receive(office, office.closed_case())
    document = services.upload_document(
        actor=office.scimt, request=case, file=io.BytesIO(PDF), name="letter.pdf", title="Letter"
    )
    return {"office": office, "reference": case.reference, "document": document.pk}


def _as_token() -> dict:
    secret = token_for(*SCOPES, name="Schemathesis", per_minute=100_000)
    return {"headers": {"Authorization": f"Bearer {secret}"}, "cookies": {}}


def _as_officer() -> dict:
    client = Client()
    client.force_login(make_staff("scimt.fuzz", "scimt_officer"))
    client.get("/")  # sets the CSRF cookie
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return {"headers": {"X-CSRFToken": cookies["csrftoken"]}, "cookies": cookies}


def _fuzz(operation, caller: dict, base_url: str, real: dict, tally: dict) -> None:
    """MAX_EXAMPLES cases and the explicit example of one operation, as one caller."""

    @BUSY_MACHINE
    @given(case=operation.as_strategy(), aim=st.booleans())
    def check(case, aim):
        if aim:
            for name in set(case.path_parameters or {}) & set(real):
                case.path_parameters[name] = real[name]
        response = case.call(
            base_url=base_url, headers=caller["headers"], cookies=caller["cookies"], timeout=60
        )
        tally["sent"] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=caller["headers"])
        except (Failure, FailureGroup) as failure:
            tally["failures"].append(f"{operation.label}: {str(failure)[:600]}")

    check()


def test_every_operation_answers_as_its_document_says(live_server, world):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json", timeout=120)
    operations = [result.ok() for result in schema.get_all_operations()]
    real = {"reference": world["reference"], "document_id": world["document"]}
    tally, started = {"sent": 0, "failures": []}, time.monotonic()
    for caller in (_as_token(), _as_officer()):
        for operation in operations:
            _fuzz(operation, caller, live_server.url, real, tally)
    seconds = time.monotonic() - started
    print(
        f"\nSchemathesis: {tally['sent']} cases over {len(operations)} operations in {seconds:.1f} s"
    )
    assert len(operations) >= 30 and tally["sent"] >= 2 * len(operations)
    assert not tally["failures"], "\n\n".join(tally["failures"][:20])
