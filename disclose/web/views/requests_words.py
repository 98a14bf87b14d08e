"""The words the request pages use for states, steps and events.

Plain English, GOV.UK style. The codes themselves stay as the procedure names
them (states.py, spec/scenarios.md); only the pages speak these words.
"""

from dataclasses import dataclass

from disclose.procedure import states, steps
from disclose.procedure.route_words import route_words

REQUEST_STATES = {
    states.RECEIVED: ("Received", "blue"),
    states.IDENTITY_VERIFIED: ("Identity checked", "light-blue"),
    states.IDENTITY_NOT_VERIFIED: ("Identity not verified", "red"),
    states.BASIC_INFORMATION_SHARED: ("Basic information shared", "turquoise"),
    states.FORWARDED: ("Forwarded", "purple"),
    states.CLOSED: ("Closed", "grey"),
    states.AWAITING_NARROWING: ("Waiting for the requestor to narrow it", "yellow"),
    states.WITHDRAWN: ("Withdrawn by the requestor", "grey"),
}

PART_STATES = {
    states.UNMATCHED: ("Not matched yet", "yellow"),
    states.MATCHED: ("Matched", "light-blue"),
    states.AWAITING_DECISION: ("Waiting for a CSM's decision", "orange"),
    states.AWAITING_ALLOCATION: ("Waiting to be allocated", "orange"),
    states.ALLOCATED: ("Allocated", "blue"),
    states.IDENTITY_REVERIFIED: ("Identity checked again", "blue"),
    states.SUPPLIED: ("Information supplied", "green"),
    states.DECLINED: ("Declined", "red"),
    states.COMPLETE: ("Complete", "green"),
    states.ENDED: ("Ended without information", "grey"),
}

# Why a part ended without information, and why a request closed unanswered.
ENDED_BECAUSE = {
    states.ENDED_IDENTITY_NOT_VERIFIED: "The requestor's identity could not be verified again",
    states.ENDED_WITHDRAWN: "The requestor withdrew the request",
}
CLOSED_BECAUSE = {
    states.CLOSED_WITHDRAWN: "The requestor withdrew the request",
    states.CLOSED_NOT_NARROWED: "The requestor did not narrow the request to specific information",
}

# What the person holding a part (or the request) must do next: My work's
# "what is needed" column.
NEEDED = {
    states.RECEIVED: "Check the requestor's identity",
    states.IDENTITY_NOT_VERIFIED: "Check the requestor's identity again, or close",
    states.IDENTITY_VERIFIED: "Match the subjects to the records",
    states.BASIC_INFORMATION_SHARED: "Forward the request",
    states.AWAITING_DECISION: "Decide whether to share",
    states.AWAITING_ALLOCATION: "Allocate to a social worker",
    states.ALLOCATED: "Supply the information",
    states.IDENTITY_REVERIFIED: "Supply the information",
    states.AWAITING_NARROWING: "Record a narrower request when the requestor replies, or close it",
    states.WITHDRAWN: "Close the request once any files are back in storage",
}

# Each event's title in the timeline: the step's own words (procedure/steps.py).
_EVENTS = {
    "receive_request": "Request received",
    **{spec.service: spec.words.timeline for spec in reversed(steps.STEPS.values())},
}


def needed_for(state: str, route: str = "") -> str:
    """What is needed now, for a part or a request in this state."""
    if state == states.ALLOCATED and route in steps.REVERIFY_ROUTES:
        return "Check the requestor's identity again, then supply"
    return NEEDED.get(state, "")


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
