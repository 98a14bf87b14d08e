"""What a request email says: who sent it and whom it is about.

Read from plain text with simple, visible rules, as a person would: the
signature under the sign-off ("Kind regards" and the lines after it), the
agency from the sender's domain, and each person named with a date of birth.
Everything found is a proposal for the SCIMT officer, who confirms or
corrects it; `read` lists the fields that came from the email.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from .parse import ParsedEmail

SIGN_OFF = re.compile(
    r"^\s*(kind(est)? regards|best regards|warm regards|regards|many thanks|thanks|"
    r"thank you|yours sincerely|yours faithfully|best wishes|best)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
QUOTE_START = re.compile(r"^\s*(>|on .+ wrote:|-+\s*original message\s*-+|from:\s)", re.IGNORECASE)
PHONE = re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b")
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
NAME_WORD = r"[A-Z][a-zA-Z'\-]+"
MONTHS = {
    m: n
    for n, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for m in names
}  # fmt: skip
DOB = (
    r"(?P<dob>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4})"
)
PERSON = re.compile(
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})\s*[,(:\-]?\s*"
    rf"(?i:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\s*[:\-]?\s*{DOB}",
)
TITLES = {"mr", "mrs", "ms", "miss", "dr", "child", "name", "subject", "re", "about"}
# The agency each trusted domain belongs to; any other domain is "other".
AGENCY_OF_DOMAIN = {
    "police.uk": "police",
    "cafcass.gov.uk": "cafcass",
    "nhs.net": "health",
    "nhs.uk": "health",
    "ofsted.gov.uk": "ofsted",
    "justice.gov.uk": "probation",
}


@dataclass
class Reading:
    name: str = ""
    email: str = ""
    phone: str = ""
    role: str = ""
    agency: str = ""
    trusted: bool = False
    subjects: list[dict] = field(default_factory=list)
    read: list[str] = field(default_factory=list)


def domain_trusted(address: str, trusted_domains: list[str]) -> bool:
    """Whether the address is at a domain the council profile trusts, or below
    one (a force's own domain under police.uk). The email intake and the
    portal's sign-in both ask this."""
    domain = address.rpartition("@")[2].strip().lower()
    return bool(domain) and any(
        domain == d.lower() or domain.endswith("." + d.lower()) for d in trusted_domains
    )


def read_email(email: ParsedEmail, trusted_domains: list[str]) -> Reading:
    reading = Reading()
    own_words, _ = _split_quoted(email.text)
    signature = _signature(own_words)
    reading.name = signature.get("name") or email.from_name
    reading.role = signature.get("role", "")
    reading.phone = signature.get("phone", "")
    reading.email = email.from_address or signature.get("email", "")
    domain = reading.email.rpartition("@")[2].lower()
    reading.trusted = domain_trusted(reading.email, trusted_domains)
    reading.agency = _agency(domain) if reading.trusted else "other"
    reading.subjects = people_named(email.text)
    reading.read = [
        f for f in ("name", "email", "phone", "role", "agency") if getattr(reading, f)
    ] + (["subjects"] if reading.subjects else [])
    return reading


def _split_quoted(text: str) -> tuple[list[str], list[str]]:
    """The sender's own lines, and the earlier messages quoted below them."""
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if QUOTE_START.match(line) and n > 0:
            return lines[:n], lines[n:]
    return lines, []


def _signature(lines: list[str]) -> dict[str, str]:
    """Name, role, phone and email from the lines under the last sign-off."""
    starts = [n for n, line in enumerate(lines) if SIGN_OFF.match(line)]
    if not starts:
        return {}
    block = [line.strip() for line in lines[starts[-1] + 1 :] if line.strip()][:8]
    found: dict[str, str] = {}
    for line in block:
        phone, address = PHONE.search(line), EMAIL.search(line)
        if phone and "phone" not in found:
            found["phone"] = phone.group().strip()
        elif address and "email" not in found:
            found["email"] = address.group()
        elif "name" not in found and _looks_like_name(line):
            found["name"] = line
        elif "name" in found and "role" not in found and not phone and not address:
            found["role"] = line
    return found


def _looks_like_name(line: str) -> bool:
    words = line.replace(".", " ").split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and len(line) < 60


def people_named(text: str) -> list[dict]:
    """Each person named with a date of birth, once, in the order named."""
    found, seen = [], set()
    for match in PERSON.finditer(text):
        words = [w for w in match.group("name").split() if w.lower() not in TITLES]
        born = parse_day(match.group("dob"))
        if len(words) < 2 or born is None:
            continue
        person = {"forename": words[0], "surname": " ".join(words[1:]), "dob": born.isoformat()}
        key = (person["forename"].lower(), person["surname"].lower(), person["dob"])
        if key not in seen:
            seen.add(key)
            found.append(person)
    return found


def parse_day(text: str) -> date | None:
    """A UK-style date: 01/02/2015, 1.2.15, 2015-02-01, 1st February 2015."""
    text = text.strip().rstrip(".")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        numeric = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})", text)
        if numeric:
            day, month, year = (int(x) for x in numeric.groups())
        else:
            day_text, month_text, year_text = text.split()
            day = int(re.sub(r"\D", "", day_text))
            month, year = MONTHS[month_text.lower().rstrip(".")], int(year_text)
        if year < 100:
            year += 2000 if year <= date.today().year % 100 else 1900
        born = date(year, month, day)
    except (ValueError, KeyError):
        return None
    return born if born <= date.today() else None


def _agency(domain: str) -> str:
    for suffix, agency in AGENCY_OF_DOMAIN.items():
        if domain == suffix or domain.endswith("." + suffix):
            return agency
    return "other"
