"""The verbs a step may name (`do:`) and the fields each takes (shared/spec/scenarios.md).

A step on one part of a request may also name `subject:` (1-based), the
person in a request about several people that the step is about; without it
the service takes the step on every part the person may take it on now.
"""

from . import checks as c

# field -> (check, required)
Fields = dict[str, tuple[c.Check, bool]]

_HOLDING: Fields = {"holding": (c.holding_ref, True)}
_IDENTITY: Fields = {
    "method": (c.enum("call_back", "secure_email", "known_contact", "id_document"), True),
    "outcome": (c.enum("verified", "failed"), True),
}

VERBS: dict[str, Fields] = {
    "triage": {},
    "verify_identity": _IDENTITY,
    "match_subject": {"subject": (c.subject_number, True), "person": (c.person_ref_or_null, True)},
    "share_basic_information": {},
    "forward": {},
    "pass_to_csm": {"to": (c.staff_ref, True), "reason": (c.text, True)},
    "decide": {
        "decision": (c.enum("approve", "decline"), True),
        "reason": (c.text, True),
        "lawful_basis": (c.lawful_basis, False),
    },
    "allocate": {"worker": (c.staff_ref, True)},
    "request_microfilm": _HOLDING,
    "request_paper_files": _HOLDING,
    "retrieve_files": _HOLDING,
    "return_files": _HOLDING,
    "supply_information": {
        "summary": (c.text, True),
        "documents": (c.text_list, False),
        "lawful_basis": (c.lawful_basis, False),  # an open case without consent (no CSM decides)
    },
    "request_hard_copies": {"items": (c.hard_copy_items, True)},
    "decide_hard_copies": {
        "decision": (c.enum("approve", "refuse"), True),
        "reason": (c.text, True),
        "upload_to_documents": (c.boolean, False),
    },
    "confirm_third_party": {
        "item": (c.text, True),
        "confirmed": (c.boolean, True),
        # Who at the originating agency answered, and how (2.2, NB).
        "who": (c.text, False),
        "how": (c.enum("email", "phone", "letter", "in_person"), False),
    },
    "dispatch_hard_copies": {
        "method": (c.enum("secure_email", "cryptshare"), True),
        "transfer_reference": (c.text, False),  # the Cryptshare transfer's reference
    },
    "reassign_hard_copy_approval": {"to": (c.staff_ref, True), "reason": (c.text, True)},
    # Time limits (issue 7): stopping the clock while waiting on the requestor,
    # and extending a stage's due date.
    "stop_clock": {
        "reason": (c.enum("consent", "clarification", "identity"), True),
        "note": (c.optional_text, False),
        # Not `on`: YAML reads a bare `on` as true.
        "stopped_on": (c.optional_date, False),
    },
    "restart_clock": {"restarted_on": (c.optional_date, False)},
    "extend": {
        "stage": (
            c.enum("acknowledge", "basic_facts", "csm_decision", "supply", "hard_copies"),
            True,
        ),
        "new_due": (c.a_date, True),
        "reason": (c.text, True),
    },
    "close": {"reason": (c.optional_text, False)},
}

# Fields whose text may hold a comma. In a YAML flow mapping ({...}) an unquoted
# comma ends the value, so `reason: Specific, proportionate request.` reads as
# reason "Specific" plus an empty key "proportionate request.". The spec's own
# example is written that way; parse.py joins such stray keys back on.
TEXT_FIELDS = frozenset({"reason", "summary", "item", "who"})


# Steps on one subject's part; the others act on the request as a whole.
PART_VERBS = frozenset(
    {
        "verify_identity",
        "pass_to_csm",
        "decide",
        "allocate",
        "request_microfilm",
        "request_paper_files",
        "supply_information",
        "request_hard_copies",
        "decide_hard_copies",
        "confirm_third_party",
        "reassign_hard_copy_approval",
        "stop_clock",
        "restart_clock",
        "extend",
    }
)


def fields_for(verb: str) -> Fields:
    fields = dict(VERBS[verb])
    if verb in PART_VERBS:
        fields.setdefault("subject", (c.subject_number, False))
    return fields
