"""The steps of issue 12 (withdraw, narrow_request, decide's message to the
requestor, a failed second identity check) through /api/v1/ only: each is an
operation made from its declaration, and the scenario files' refusals and
outcomes hold through the API as through the runner."""

import pytest
import yaml
from api_scenarios import SCENARIOS, run_through_api
from django.test import Client

from disclose.casework.models import Message, Request

pytestmark = pytest.mark.django_db

FILES = [
    "withdrawn-files-out.yaml",
    "withdrawn-before-forward.yaml",
    "advise-then-narrowed.yaml",
    "advise-not-narrowed-closed.yaml",
    "worker-reverify-failed.yaml",
    "csm-declines-with-message.yaml",
]


def test_the_new_steps_are_operations_in_the_openapi_document():
    document = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/requests/{reference}/steps/withdraw" in document["paths"]
    assert "/api/v1/requests/{reference}/steps/narrow-request" in document["paths"]
    decide = document["paths"]["/api/v1/requests/{reference}/steps/decide"]["post"]
    schema = decide["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    assert "message_to_requestor" in schema["properties"]
    assert "message_to_requestor" not in schema.get("required", [])


@pytest.mark.parametrize("name", FILES)
def test_the_files_refusals_and_outcome_hold_through_the_api(name):
    expect = yaml.safe_load((SCENARIOS / name).read_text())["expect"]
    run = run_through_api(name)
    saw = {a["n"]: a["saw"] for a in run.answers}
    # As on the pages: someone who may not see the request is told it does not exist.
    got = [{"step": a["n"], "code": a["body"]["code"]} for a in run.answers if a["status"] != 200]
    assert got == [
        {"step": r["step"], "code": r["code"] if saw[r["step"]] else "not_found"}
        for r in expect.get("refused", [])
    ]
    request = Request.objects.get(reference=run.reference)
    assert request.state == expect.get("state", request.state)
    assert (request.closed_because or None) == expect.get("closed_because")
    for words in expect.get("never_told", []):
        assert not Message.objects.filter(request=request, text__contains=words).exists()
