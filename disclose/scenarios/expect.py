"""The `expect:` block: what must hold once the steps have run.

Keys (all optional):
  route                  a route for every subject, or a list with one per subject
  paragraph              the same, for the paragraph each route rests on
  assigned_after_forward a staff id (or null) for every subject, or a list per subject
  state                  the request's state at the end
  assignee               the staff id the request sits with at the end (null when closed)
  subject_states         a part state for every subject, or a list per subject
  messages               kinds the requestor must have been sent, e.g. [basic_information]
  no_messages            kinds the requestor must not have been sent
  refused                exactly the steps refused: [{step: 4, code: wrong_state}]; [] = none
  case_notes             how many case notes were written: a number, or {person id: number}
  holdings               {holding id: status} at the end
  chain_verified         true: the audit chain verifies
  disclosures            entries the disclosure log must hold: a kind, or {kind, basis}
  notified               staff ids who must have been emailed a task, e.g. [csm_d, tm_d]
  hard_copies            {item title: status} at the end, e.g. {CP plan: dispatched}
  dispatches             the items each dispatch sent, in order: [[CP plan], [Police report]]
  message_says           {kind: words} a message of that kind to the requestor must contain
  never_told             words no message to the requestor may contain (an internal reason)
  case_note_says         words some case note must contain, or a list of them
  closed_because         why the request closed: withdrawn, not_narrowed, or null
"""

from typing import Any

from disclose.procedure.states import PART_STATES, REQUEST_STATES

from . import checks as c
from .schema import ROUTES

PER_SUBJECT = ("route", "paragraph", "assigned_after_forward", "subject_states")
KEYS = (
    *PER_SUBJECT,
    "state",
    "assignee",
    "messages",
    "no_messages",
    "refused",
    "case_notes",
    "holdings",
    "chain_verified",
    "notified",
    "disclosures",
    "hard_copies",
    "dispatches",
    "message_says",
    "never_told",
    "case_note_says",
    "closed_because",
)
SUBJECT_FIELD = {
    "route": "route",
    "paragraph": "paragraph",
    "assigned_after_forward": "assignee",
    "subject_states": "state",
}


def check_expect_block(raw: Any, problems, ids: c.Ids, steps: int) -> None:
    """Problems with the block itself (unknown keys, ids, step numbers), found before running."""
    if not isinstance(raw, dict):
        problems.add("expect", "must be a mapping, like {route: ..., state: ...}")
        return
    problems.unknown_keys("expect.", raw, KEYS)
    for key in ("assigned_after_forward", "assignee", "notified"):
        for value in _as_list(raw.get(key)):
            if value is not None and str(value) not in ids.staff:
                problems.add(f"expect.{key}", f"unknown staff id '{value}'")
    for key in PER_SUBJECT:
        if isinstance(raw.get(key), list) and len(raw[key]) != ids.subjects:
            problems.add(
                f"expect.{key}",
                f"lists {len(raw[key])} values for {ids.subjects} "
                "subjects; give one per subject, or a single value for all",
            )
    _check_values(raw, "route", ROUTES, "a route", problems)
    _check_values(raw, "state", REQUEST_STATES, "a request state", problems)
    _check_values(raw, "subject_states", PART_STATES, "a part state", problems)
    _check_refused(raw.get("refused"), problems, steps)
    for holding in (raw.get("holdings") or {}) if isinstance(raw.get("holdings"), dict) else ():
        if str(holding) not in ids.holdings:
            problems.add("expect.holdings", f"unknown holding id '{holding}'")


def _check_values(raw: dict, key: str, allowed: tuple, what: str, problems) -> None:
    for value in _as_list(raw.get(key)):
        if value is not None and value not in allowed:  # null: a subject never routed
            problems.add(
                f"expect.{key}", f"'{value}' is not {what}; use one of: {', '.join(allowed)}"
            )


def _check_refused(refused: Any, problems, steps: int) -> None:
    if refused is None:
        return
    if not isinstance(refused, list):
        problems.add("expect.refused", "must be a list like [{step: 3, code: wrong_state}]")
        return
    for item in refused:
        if not isinstance(item, dict) or set(item) != {"step", "code"}:
            problems.add("expect.refused", f"{item!r} must be {{step: number, code: word}}")
        elif not isinstance(item["step"], int) or not 1 <= item["step"] <= steps:
            problems.add(
                "expect.refused", f"step {item['step']} is not a step of this file (it has {steps})"
            )


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def failures(expect: dict[str, Any] | None, trail: dict[str, Any]) -> list[str]:
    """Each expectation that did not hold, as a sentence saying what happened instead."""
    if not expect:
        return []
    found: list[str] = []
    for key in PER_SUBJECT:
        if key in expect:
            found += _per_subject(key, expect[key], trail["subjects"])
    request = trail["request"]
    if "closed_because" in expect and trail.get("closed_because") != expect["closed_because"]:
        found.append(
            f"expect.closed_because: the request closed because {trail.get('closed_because')!r}, "
            f"expected {expect['closed_because']!r}"
        )
    for key in ("state", "assignee"):
        if key in expect and request.get(key) != expect[key]:
            found.append(
                f"expect.{key}: the request ended with {key} {request.get(key)!r}, "
                f"expected {expect[key]!r}"
            )
    kinds = [m["kind"] for m in trail["messages"]]
    for kind in _as_list(expect.get("messages")):
        if kind not in kinds:
            found.append(f"expect.messages: no '{kind}' message was sent; sent: {kinds}")
    for kind in _as_list(expect.get("no_messages")):
        if kind in kinds:
            found.append(f"expect.no_messages: a '{kind}' message was sent")
    if "refused" in expect:
        found += _refused(expect["refused"] or [], trail["steps"])
    found += _case_notes(expect.get("case_notes"), trail["case_notes"])
    holdings = {h["id"]: h["status"] for h in trail["holdings"]}
    for holding, status in (expect.get("holdings") or {}).items():
        if holdings.get(str(holding)) != status:
            found.append(
                f"expect.holdings: {holding} is {holdings.get(str(holding))!r}, expected {status!r}"
            )
    notified = {n["to"] for n in trail["notifications"]}
    for staff in _as_list(expect.get("notified")):
        if staff not in notified:
            found.append(
                f"expect.notified: {staff} was not told of a task; told: {sorted(notified)}"
            )
    found += _words(expect, trail)
    found += _disclosures(_as_list(expect.get("disclosures")), trail["disclosures"])
    found += _hard_copies(expect, trail)
    if "chain_verified" in expect and trail["audit"]["chain_verified"] != expect["chain_verified"]:
        found.append(
            f"expect.chain_verified: the audit chain verified: {trail['audit']['chain_verified']}"
        )
    return found


def _words(expect: dict[str, Any], trail: dict[str, Any]) -> list[str]:
    """What the requestor read, and what the record says, in so many words."""
    found = []
    for kind, words in (expect.get("message_says") or {}).items():
        texts = [m["text"] for m in trail["messages"] if m["kind"] == kind]
        if not any(str(words) in text for text in texts):
            found.append(f"expect.message_says: no '{kind}' message says {words!r}; sent: {texts}")
    for words in _as_list(expect.get("never_told")):
        for message in trail["messages"]:
            if str(words) in message["text"]:
                found.append(f"expect.never_told: the '{message['kind']}' message says {words!r}")
    for words in _as_list(expect.get("case_note_says")):
        if not any(str(words) in note["text"] for note in trail["case_notes"]):
            found.append(f"expect.case_note_says: no case note says {words!r}")
    return found


def _per_subject(key: str, wanted: Any, subjects: list[dict]) -> list[str]:
    wanted_list = wanted if isinstance(wanted, list) else [wanted] * len(subjects)
    found = []
    for subject, want in zip(subjects, wanted_list, strict=False):
        got = subject.get(SUBJECT_FIELD[key])
        if got != want:
            found.append(
                f"expect.{key}: subject {subject['subject']} has {got!r}, expected {want!r}"
            )
    if not subjects:
        found.append(f"expect.{key}: the request has no subjects")
    return found


def _refused(wanted: list[dict], steps: list[dict]) -> list[str]:
    want = {item["step"]: item["code"] for item in wanted}
    got = {s["n"]: (s["error"] or {}).get("code") for s in steps if not s["ok"]}
    found = []
    for n, code in want.items():
        if got.get(n) != code:
            what = f"was refused with {got[n]!r}" if n in got else "went ahead"
            found.append(f"expect.refused: step {n} {what}, expected refusal {code!r}")
    for n, code in got.items():
        if n not in want:
            message = next(s["error"]["message"] for s in steps if s["n"] == n)
            found.append(f"expect.refused: step {n} was refused ({code}: {message})")
    return found


def _case_notes(wanted: Any, notes: list[dict]) -> list[str]:
    if wanted is None:
        return []
    if isinstance(wanted, int):
        if len(notes) != wanted:
            return [f"expect.case_notes: {len(notes)} case notes were written, expected {wanted}"]
        return []
    found = []
    for person, count in wanted.items():
        got = sum(1 for note in notes if note["person"] == str(person))
        if got != count:
            found.append(f"expect.case_notes: {got} case notes on {person}, expected {count}")
    return found


def _disclosures(wanted: list, logged: list[dict]) -> list[str]:
    found = []
    for item in wanted:
        want = item if isinstance(item, dict) else {"kind": item}
        if not any(all(entry.get(k) == v for k, v in want.items()) for entry in logged):
            seen = [(entry["kind"], entry["basis"]) for entry in logged]
            found.append(f"expect.disclosures: no disclosure {want} was logged; logged: {seen}")
    return found


def _hard_copies(expect: dict[str, Any], trail: dict[str, Any]) -> list[str]:
    found = []
    statuses = {item["title"]: item["status"] for item in trail.get("hard_copies", [])}
    for title, status in (expect.get("hard_copies") or {}).items():
        if statuses.get(str(title)) != status:
            found.append(
                f"expect.hard_copies: '{title}' is {statuses.get(str(title))!r}, expected {status!r}"
            )
    if "dispatches" in expect:
        sent = [list(d["items"]) for d in trail.get("dispatches", [])]
        wanted = [list(items) for items in expect["dispatches"] or []]
        if sent != wanted:
            found.append(f"expect.dispatches: the dispatches sent {sent}, expected {wanted}")
    return found
