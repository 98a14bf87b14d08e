"""Loading persons and what belongs to each: other identifiers, addresses, other names."""

from django.db import models
from django.utils import timezone

from disclose.records.models import Address, Identifier, Person, PersonName

from .spool import Spool
from .tables import ADDRESSES, IDENTIFIERS, PERSON_NAMES, PERSONS, FileSpec
from .upsert import Outcome, TableCount, existing_rows, remove_missing, upsert

PERSON_FIELDS = ("forename", "surname", "dob", "sex", "nhs_number", "death_date")


def load_persons(extract: Spool, progress=None) -> tuple[Outcome, dict[str, int]]:
    """Persons by SSD person id; returns what changed and {person id: pk}."""
    rows = (
        {
            "person_id": r["pers_person_id"],
            "forename": r.get("pers_forename", ""),
            "surname": r.get("pers_surname", ""),
            "dob": r.get("pers_dob"),
            "sex": r.get("pers_sex", ""),
            "nhs_number": r.get("pers_common_child_id", ""),
            "death_date": r.get("pers_death_date"),
        }
        for r in extract.rows(PERSONS, progress)
    )
    outcome = upsert(
        Person, rows, key=("person_id",), fields=PERSON_FIELDS, touch={"updated_at": timezone.now()}
    )
    return outcome, dict(Person.objects.values_list("person_id", "pk").iterator(chunk_size=5000))


# Each entry: the file, the model, its key and other fields, and how a CSV row maps to them.
_CHILD_TABLES = (
    (
        "identifiers",
        IDENTIFIERS,
        Identifier,
        ("person_id", "kind", "value"),
        (),
        lambda r: {"kind": r["link_identifier_type"], "value": r["link_identifier_value"]},
        "link_person_id",
    ),
    (
        "addresses",
        ADDRESSES,
        Address,
        ("person_id", "address", "postcode", "start_date"),
        ("end_date",),
        lambda r: {
            "address": r.get("addr_address_json", ""),
            "postcode": r.get("addr_address_postcode", ""),
            "start_date": r.get("addr_address_start_date"),
            "end_date": r.get("addr_address_end_date"),
        },
        "addr_person_id",
    ),
    (
        "other names",
        PERSON_NAMES,
        PersonName,
        ("person_id", "forename", "surname", "name_type"),
        (),
        lambda r: {
            "forename": r.get("forename", ""),
            "surname": r.get("surname", ""),
            "name_type": r["name_type"],
        },
        "person_id",
    ),
)


def load_person_details(
    extract: Spool,
    person_pk: dict[str, int],
    scope: set[int],
    counts: dict[str, TableCount],
    progress=None,
) -> set[int]:
    """Identifiers, addresses and other names; returns the pks of persons whose changed."""
    touched: set[int] = set()
    for label, spec, model, key, fields, mapping, person_column in _CHILD_TABLES:
        outcome = load_child_table(
            extract,
            spec,
            model,
            key,
            fields,
            lambda r, m=mapping, c=person_column: {"person_id": person_pk[r[c]], **m(r)},
            scope,
            progress,
        )
        if outcome is not None:
            counts[label] = outcome.count()
            touched |= {k[0] for k in outcome.created | outcome.updated | outcome.removed}
    return touched


def load_child_table(
    extract: Spool,
    spec: FileSpec,
    model: type[models.Model],
    key: tuple,
    fields: tuple,
    to_row,
    scope: set[int],
    progress=None,
) -> Outcome | None:
    """A table the SSD gives no id of its own: for each person in the extract, the
    rows in the file are the whole list, so rows no longer there are removed."""
    if not extract.has(spec):
        return None
    existing = existing_rows(model, key, fields)
    rows = (to_row(r) for r in extract.rows(spec, progress))
    outcome = upsert(model, rows, key=key, fields=fields, existing=existing)
    remove_missing(model, existing, outcome, scope)
    return outcome
