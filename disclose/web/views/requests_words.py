"""The words the request pages use for states, steps and events.

Plain English, GOV.UK style. The codes themselves stay as the procedure names
them (states.py, spec/scenarios.md); only the pages speak these words.
"""

from dataclasses import dataclass

from disclose.procedure import states, steps
from disclose.procedure.route_words import route_words

# Each state's words are declared with the state (procedure/states.py), for
# staff and the portal alike; these are the staff's.
REQUEST_STATES = {
    state: (words.staff, words.colour) for state, words in states.REQUEST_STATE_WORDS.items()
}
PART_STATES = {
    state: (words.staff, words.colour) for state, words in states.PART_STATE_WORDS.items()
}

# Why a part ended without information, and why a request closed unanswered.
ENDED_BECAUSE = {reason: words.staff for reason, words in states.END_REASON_WORDS.items()}
CLOSED_BECAUSE = {reason: words.staff for reason, words in states.CLOSE_REASON_WORDS.items()}

# Each event's title in the timeline: the step's own words (procedure/steps.py).
_EVENTS = {
    "receive_request": "Request received",
    **{spec.service: spec.words.timeline for spec in reversed(steps.STEPS.values())},
}


def request_state(state: str) -> tuple[str, str]:
    return REQUEST_STATES.get(state, (state.replace("_", " ").capitalize(), "grey"))


def part_state(state: str) -> tuple[str, str]:
    return PART_STATES.get(state, (state.replace("_", " ").capitalize(), "grey"))


@dataclass(frozen=True)
class TimelineItem:
    title: str
    by: str
    at: object
    lines: list[str]


def timeline_item(event, names: dict[str, str]) -> TimelineItem:
    """One audit event, in words: what happened, to which subjects, and why."""
    detail = event.detail or {}
    title = _event_title(event.event_type, detail)
    lines = []
    numbers = detail.get("subjects") or []
    if numbers and not detail.get("routes"):
        lines.append("Subject " + ", ".join(str(n) for n in numbers))
    if detail.get("route"):
        lines.append(f"Route: {route_words(detail['route'])}")
    if detail.get("reason"):
        lines.append(f"Reason: {detail['reason']}")
    if detail.get("closed_because"):
        lines.append(CLOSED_BECAUSE.get(detail["closed_because"], ""))
    if detail.get("ended") and event.event_type == "verify_identity":
        lines.append("Nothing was supplied: this part has ended")
    for number, route in (detail.get("routes") or {}).items():
        lines.append(f"Subject {number}: {route_words(route)}")
    for key, words in (("to", "To"), ("worker", "Worker")):
        if detail.get(key):
            lines.append(f"{words}: {names.get(detail[key], detail[key])}")
    if detail.get("documents"):
        lines.append("Documents: " + "; ".join(detail["documents"]))
    if detail.get("hard_copies_withdrawn"):
        lines.append("Hard copies not to be sent: " + "; ".join(detail["hard_copies_withdrawn"]))
    by = event.actor.display_name if event.actor else "The system"
    return TimelineItem(title=title, by=by, at=event.at, lines=lines)


def _event_title(event_type: str, detail: dict) -> str:
    if event_type == "verify_identity":
        again = " again" if detail.get("level") == "part" else ""
        if detail.get("outcome") == "verified":
            return f"Identity verified{again}"
        return f"Identity not verified{again}"
    if event_type == "decide":
        return "Approved by the CSM" if detail.get("decision") == "approve" else "Declined"
    if event_type == "decide_hard_copies":
        approved = detail.get("decision") == "approve"
        return "Hard copies approved" if approved else "Hard copies refused"
    if event_type == "match_subject" and detail.get("known") is False:
        return "Subject recorded as not known"
    return _EVENTS.get(event_type, event_type.replace("_", " ").capitalize())


def staff_refs_in(detail: dict) -> set[str]:
    return {detail[key] for key in ("to", "worker") if detail.get(key)}
