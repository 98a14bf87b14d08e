"""An example for every operation in the OpenAPI document (issue 16): each
request body and each response whose schema carries examples (schemas.py, the
step bodies) shows its first one where readers and tools look, beside the
media type."""

from typing import Any


def _schema_of(document: dict, schema: dict) -> dict:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    if schema.get("type") == "array" and "items" in schema:
        inner = _schema_of(document, schema["items"])
        if inner.get("examples"):
            return {"examples": [[inner["examples"][0]]]}
    return schema


def _form_example(schema: dict) -> dict | None:
    """A multipart form's fields: a file is named as such, the rest at their default."""
    properties = schema.get("properties")
    if not properties:
        return None
    return {
        name: "(the file)" if field.get("format") == "binary" else field.get("default", "")
        for name, field in properties.items()
    }


def _fill(document: dict, content: dict[str, Any]) -> None:
    for kind, media in content.items():
        if "example" in media:
            continue
        schema = _schema_of(document, media.get("schema", {}))
        examples = schema.get("examples")
        if examples:
            media["example"] = examples[0]
        elif kind == "multipart/form-data":
            media["example"] = _form_example(schema)


def add_examples(document: dict) -> dict:
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            body = operation.get("requestBody")
            if body:
                _fill(document, body.get("content", {}))
            for response in operation.get("responses", {}).values():
                _fill(document, response.get("content", {}))
    return document
