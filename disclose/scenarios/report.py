"""The readable summary of a run (without --json)."""

from typing import Any


def summary(trail: dict[str, Any], failures: list[str]) -> str:
    request = trail["request"]
    lines = [
        f"{trail['scenario']}  ({trail.get('file', '')})",
        f"  request {request['reference']}: {request['state']}, "
        f"with {request['assignee'] or 'nobody'}",
    ]
    for s in trail["subjects"]:
        lines.append(
            f"  subject {s['subject']} ({_who(s)}): {s['route'] or 'not routed'}"
            f" [{s['paragraph'] or '-'}] to {s['assignee'] or 'nobody'}; now {s['state']}"
        )
    for step in trail["steps"]:
        outcome = (
            "ok" if step["ok"] else f"REFUSED {step['error']['code']}: {step['error']['message']}"
        )
        lines.append(
            f"  {step['n']:>3} {step['as']:<10} {step['do']:<24} {outcome}"
            f"  -> {step['state']}, with {step['assignee'] or 'nobody'}"
        )
    kinds = ", ".join(m["kind"] for m in trail["messages"]) or "none"
    lines.append(f"  messages to the requestor: {kinds}")
    lines.append(
        f"  case notes: {len(trail['case_notes'])}; audit events: "
        f"{trail['audit']['events']}, chain verified: {trail['audit']['chain_verified']}"
    )
    if failures:
        lines += ["  EXPECTATIONS FAILED:"] + [f"    {f}" for f in failures]
    elif trail.get("expectations", {}).get("checked"):
        lines.append("  expectations: all held")
    return "\n".join(lines)


def _who(subject: dict[str, Any]) -> str:
    if subject["person"]:
        return subject["person"]
    return "not known" if subject.get("matched") else "not matched"
