"""Parsers for one CSV cell each. A parser returns the value to store or raises
ValueError with a sentence that tells the council what to fix."""

import json
import re
from datetime import date
from functools import lru_cache

_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def text(value: str) -> str:
    return value.strip()


@lru_cache(maxsize=1 << 16)
def iso_date(value: str) -> date | None:
    """ISO YYYY-MM-DD; a time part (as many systems export) is accepted and dropped.

    Cached: a million-person extract has millions of dates but only thousands of
    different ones, and one date object each keeps the keys held in memory small.
    """
    value = value.strip()
    if not value:
        return None
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        # The usual form, parsed in C: a million-person extract has millions of dates.
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass  # the slow path below says what is wrong
    match = _DATE.match(value)
    if not match:
        raise ValueError(f"'{value}' is not a date in the form YYYY-MM-DD, for example 2010-03-04")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None


def boolean(value: str) -> bool | None:
    value = value.strip().lower()
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"'{value}' should be true or false")


def choice(*allowed: str):
    """A parser that accepts only the given codes (lower case)."""

    def parse(value: str) -> str:
        value = value.strip().lower()
        if value and value not in allowed:
            raise ValueError(f"'{value}' should be one of: {', '.join(allowed)}")
        return value

    return parse


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit of an NHS number; None when no valid one exists."""
    total = sum(int(d) * w for d, w in zip(first_nine, _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_number(value: str) -> str:
    """Ten digits (spaces allowed) with a correct check digit, stored without spaces."""
    digits = re.sub(r"[\s-]", "", value)
    if not digits:
        return ""
    if not (digits.isdigit() and len(digits) == 10):
        raise ValueError(f"'{value.strip()}' is not an NHS number: it should be 10 digits")
    if nhs_check_digit(digits[:9]) != int(digits[9]):
        raise ValueError(f"'{value.strip()}' is not a valid NHS number: the check digit is wrong")
    return digits


def postcode(value: str) -> str:
    """Upper case with the usual single space (SSD extracts often remove it)."""
    compact = re.sub(r"\s+", "", value).upper()
    if 5 <= len(compact) <= 7:
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


# SSD address JSON keys in the order a person reads an address.
_ADDRESS_PARTS = ("ROOM", "FLOOR", "FLAT", "BUILDING", "HOUSE", "STREET", "TOWN")


def address(value: str) -> str:
    """SSD `addr_address_json` as one readable line; plain text is kept as it is."""
    value = value.strip()
    if not value.startswith("{"):
        return value
    try:
        parts = json.loads(value)
    except json.JSONDecodeError:
        raise ValueError("the address is not valid JSON") from None
    if not isinstance(parts, dict):
        raise ValueError("the address JSON should be an object of named parts")
    upper = {str(k).upper(): str(v).strip() for k, v in parts.items() if v not in (None, "")}
    house, street = upper.pop("HOUSE", ""), upper.pop("STREET", "")
    upper["STREET"] = f"{house} {street}".strip()
    return ", ".join(upper[k] for k in _ADDRESS_PARTS if upper.get(k))


_OUTCOME_WORDS = {
    "NEW_REFERRAL_FLAG": "New referral",
    "EXISTING_REFERRAL_FLAG": "Existing referral",
    "CP_ENQUIRY_FLAG": "Child protection enquiry",
    "NFA_FLAG": "No further action",
    "NON_AGENCY_ADOPTION_FLAG": "Non-agency adoption",
    "PRIVATE_FOSTERING_FLAG": "Private fostering",
    "ADVICE_FLAG": "Advice",
    "MISSING_FLAG": "Missing",
    "OLA_CP_FLAG": "Other local authority child protection",
    "OTHER_OUTCOMES_EXIST_FLAG": "Other outcomes",
}


def contact_outcome(value: str) -> str:
    """SSD `cont_contact_outcome_json` flags as words; plain text is kept as it is."""
    value = value.strip()
    if not value.startswith("{"):
        return value
    try:
        flags = json.loads(value)
    except json.JSONDecodeError:
        raise ValueError("the outcome is not valid JSON") from None
    if not isinstance(flags, dict):
        raise ValueError("the outcome JSON should be an object of flags")
    chosen = [
        _OUTCOME_WORDS.get(str(k).upper(), str(k))
        for k, v in flags.items()
        if str(v).strip().upper() in {"Y", "YES", "TRUE", "1"}
    ]
    return "; ".join(chosen)
