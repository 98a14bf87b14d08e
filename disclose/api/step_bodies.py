"""Each step's body, built from its declared fields (procedure/steps.py), as
the pages build their forms (web/step_forms.py) and the scenario runner its
verbs: a step declared there is an operation here, with nothing written per
step. A field's kind says its type; its words are its description.

| kind         | in the body                                        |
|--------------|----------------------------------------------------|
| text, item   | a string (an item: a hard copy, by its title)      |
| choice       | one of the declared codes                          |
| staff        | a member of staff's username                       |
| holding      | the holding's id (as on the request)               |
| person       | the person's record id, or null for "not known"    |
| subject      | the part's number, from 1                          |
| date         | a date, like 2026-12-01                            |
| bool         | true or false                                      |
| texts        | a list of strings                                  |
| items        | a list of {title, date, third_party, source}       |
| lawful_basis | {article_6, article_9, schedule_2_exemption}, or null |
| document     | the id of a document kept for the request          |
| file         | a file, sent as multipart/form-data                |
"""

import datetime
from functools import cache
from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, create_model
from pydantic import Field as Pydantic

from disclose.procedure.steps import PART, STEPS, Field, StepSpec


class StepBody(Schema):
    model_config = ConfigDict(extra="forbid")


class HardCopyItemIn(Schema):
    title: str = Pydantic(max_length=300)
    date: datetime.date | None = None
    third_party: bool = False
    source: str = Pydantic("", max_length=200)


class LawfulBasisIn(Schema):
    article_6: str = Pydantic("", max_length=500)
    article_9: str = Pydantic("", max_length=500)
    schedule_2_exemption: str = Pydantic("", max_length=500)


_TYPES: dict[str, Any] = {
    "text": str,
    "item": str,
    "staff": str,
    "holding": int,
    "person": str | None,
    "subject": int,
    "date": datetime.date,
    "bool": bool,
    "texts": list[str],
    "items": list[HardCopyItemIn],
    "lawful_basis": LawfulBasisIn | None,
    "document": int,
}
_EXAMPLES: dict[str, Any] = {
    "text": "Checked against the record.",
    "item": "Child protection conference minutes",
    "staff": "csm.patel",
    "holding": 1,
    "person": "P0001234",
    "subject": 1,
    "date": "2026-12-01",
    "bool": True,
    "texts": ["Chronology, 2019 to 2024"],
    "items": [
        {
            "title": "Child protection conference minutes",
            "date": "2024-03-12",
            "third_party": False,
            "source": "",
        }
    ],
    "lawful_basis": None,
    "document": 1,
}


def _described(field: Field) -> str:
    words = field.label or field.name.replace("_", " ").capitalize()
    return f"{words} {field.hint}".strip()


def _annotation(field: Field) -> tuple[Any, Any]:
    """(type, default) of one declared field in a step's body."""
    if field.kind == "choice":
        kind: Any = Literal[field.codes]  # type: ignore[valid-type]
    elif field.kind in _TYPES:
        kind = _TYPES[field.kind]
    else:
        raise TypeError(
            f"A step's field of kind '{field.kind}' has no type in the API: add it to "
            "disclose/api/step_bodies.py (_TYPES, _EXAMPLES) and step_arguments.py."
        )
    limit = {"max_length": 5000 if field.long else 300} if field.kind == "text" else {}
    if field.kind == "subject":
        limit = {"ge": 1, "le": 99}
    if field.kind in ("holding", "document"):
        limit = {"ge": 1}
    described = _described(field)
    if field.required and field.kind not in ("lawful_basis",):
        return kind, Pydantic(..., description=described, **limit)
    if field.kind in ("text", "item"):
        return kind, Pydantic("", description=described, **limit)
    return kind | None, Pydantic(None, description=described, **limit)


def body_fields(spec: StepSpec) -> list[Field]:
    """The declared fields a JSON body carries (a file comes beside it)."""
    return [f for f in spec.fields if f.kind != "file"]


def file_fields(spec: StepSpec) -> list[Field]:
    return [f for f in spec.fields if f.kind == "file"]


def _example(spec: StepSpec) -> dict:
    found = {}
    for field in body_fields(spec):
        found[field.name] = field.codes[0] if field.kind == "choice" else _EXAMPLES[field.kind]
    if spec.on == PART and "subject" not in found:
        found["subject"] = 1
    if spec.words.confirm:
        found["confirm"] = True
    return found


@cache
def body_for(name: str) -> type[Schema]:
    """The body of step `name`: its declared fields; for a step on one part,
    which part (`subject`; without it, every part you may take it on now, as
    in a scenario file); for an irreversible step, the confirmation the page
    asks for."""
    spec = STEPS[name]
    fields: dict[str, Any] = {f.name: _annotation(f) for f in body_fields(spec)}
    if spec.on == PART and "subject" not in fields:
        fields["subject"] = (
            int | None,
            Pydantic(None, ge=1, le=99, description="Which person of the request (from 1)"),
        )
    if spec.words.confirm:
        fields["confirm"] = (
            bool,
            Pydantic(False, description=f"{spec.words.confirm} (send true)"),
        )
    model = create_model(f"{spec.name.title().replace('_', '')}Body", __base__=StepBody, **fields)
    model.model_config = {**model.model_config, "json_schema_extra": {"examples": [_example(spec)]}}
    return model
