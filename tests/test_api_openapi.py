"""The OpenAPI document (issue 16): at /api/v1/openapi.json for anyone, with
no data in it, an example for every operation, and a step operation for every
declared step."""

import pytest
from django.test import Client

from disclose.procedure.steps import STAFF, STEPS

pytestmark = pytest.mark.django_db


def _operations(document: dict):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


def test_the_document_answers_anyone_and_every_operation_has_an_example():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    missing = []
    for method, path, operation in _operations(document):
        success = [
            media
            for status, answer in operation["responses"].items()
            if str(status).startswith("2")
            for media in answer.get("content", {}).values()
        ]
        if not success or not all("example" in media for media in success):
            missing.append(f"{method} {path}: response")
        body = operation.get("requestBody", {}).get("content", {})
        if not all("example" in media for media in body.values()):
            missing.append(f"{method} {path}: body")
    assert not missing


def test_every_declared_step_is_an_operation_with_its_own_words():
    document = Client().get("/api/v1/openapi.json").json()
    by_id = {op["operationId"]: (path, op) for _, path, op in _operations(document)}
    for spec in STEPS.values():
        path, operation = by_id[f"take_{spec.name}"]
        if spec.on == STAFF:  # about a member of staff (staff_leaves), not a request
            assert path == f"/api/v1/staff/steps/{spec.slug}"
        else:
            assert path == f"/api/v1/requests/{{reference}}/steps/{spec.slug}"
        assert operation["summary"] == spec.words.title
        assert f"Procedure paragraph {spec.paragraph}" in operation["description"]


def test_the_docs_page_answers_anyone_from_files_served_here():
    page = Client().get("/api/v1/docs")
    assert page.status_code == 200
    assert "/api/v1/openapi.json" in page.content.decode()
    assert "cdn." not in page.content.decode()
