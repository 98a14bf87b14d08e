"""The verbs a step may name (`do:`) and the fields each takes
(shared/spec/scenarios.md), built from the step declarations in
procedure/steps.py: a step declared there is a verb here.

A step on one part of a request may also name `subject:` (1-based), the
person in a request about several people that the step is about; without it
the service takes the step on every part the person may take it on now.
"""

from disclose.procedure import steps as declared
from disclose.procedure.steps import PART, STAFF, Field

from . import checks as c

# field -> (check, required)
Fields = dict[str, tuple[c.Check, bool]]

# How a scenario file gives each kind of field; a missing kind (a file to
# upload, a document kept by the web pages) cannot be written in a scenario.
_CHECKS: dict[str, tuple[c.Check, c.Check]] = {  # kind -> (required, optional)
    "text": (c.text, c.optional_text),
    "item": (c.text, c.optional_text),  # a hard copy, by its title
    "staff": (c.staff_ref, c.optional_staff_ref),
    "holding": (c.holding_ref, c.holding_ref),
    "person": (c.person_ref_or_null, c.person_ref_or_null),
    "subject": (c.subject_number, c.subject_number),
    "lawful_basis": (c.lawful_basis, c.lawful_basis),
    "texts": (c.text_list, c.text_list),
    "items": (c.hard_copy_items, c.hard_copy_items),
    "bool": (c.boolean, c.boolean),
    "date": (c.a_date, c.optional_date),
}


def _check(field: Field) -> c.Check:
    if field.kind == "choice":
        return c.enum(*field.codes)
    required, optional = _CHECKS[field.kind]
    return required if field.required else optional


def _writable(verb: str) -> bool:
    return all(f.kind == "choice" or f.kind in _CHECKS for f in declared.fields_of(verb))


VERBS: dict[str, Fields] = {
    verb: {f.name: (_check(f), f.required) for f in declared.fields_of(verb)}
    for verb in declared.VERBS
    if _writable(verb)
}

# Steps on one subject's part; the others act on the request as a whole.
PART_VERBS = frozenset(
    verb for verb, specs in declared.VERBS.items() if any(s.on == PART for s in specs)
)
# Steps about a member of staff, not the request (staff_leaves).
STAFF_VERBS = frozenset(
    verb for verb, specs in declared.VERBS.items() if all(s.on == STAFF for s in specs)
)

# Fields whose text may hold a comma. In a YAML flow mapping ({...}) an unquoted
# comma ends the value, so `reason: Specific, proportionate request.` reads as
# reason "Specific" plus an empty key "proportionate request.". The spec's own
# example is written that way; parse.py joins such stray keys back on.
TEXT_FIELDS = frozenset(
    f.name for verb in VERBS for f in declared.fields_of(verb) if f.kind in ("text", "item")
)


def fields_for(verb: str) -> Fields:
    fields = dict(VERBS[verb])
    if verb in PART_VERBS:
        fields.setdefault("subject", (c.subject_number, False))
    return fields


def field(verb: str, name: str) -> Field | None:
    """The declared field `name` of `verb`, or None (`subject` is not declared on every verb)."""
    return next((f for f in declared.fields_of(verb) if f.name == name), None)
