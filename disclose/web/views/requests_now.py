"""'What you can do now': every step this person may take on the request now,
on the request, on each part and on each holding, straight from actions_for
(casework/actions.py), each linked to its page. Nothing here decides."""

from dataclasses import dataclass

from django.urls import reverse

from disclose.casework.actions import Action, Actions
from disclose.casework.models import Request, RequestSubject

from .time_limits import PAGES as CLOCK_PAGES

# The time-limit steps share one page each, for the request and for its parts.
_CLOCK_SLUGS = {
    name: page.slug
    for page in CLOCK_PAGES.values()
    for name in (page.spec.name, page.part_spec.name)
}
# Steps that only tidy up stay in the panel, as secondary buttons.
SECONDARY = frozenset({"close", "triage", "upload_document"}) | set(_CLOCK_SLUGS)


@dataclass(frozen=True)
class NowItem:
    verb: str
    text: str
    about: str  # which subject or holding, for screen readers and the label
    url: str
    secondary: bool


def now_items(case: Request, subjects: list[RequestSubject], actions: Actions) -> list[NowItem]:
    names = {s.number: _name(s) for s in subjects}
    items: list[NowItem] = []
    seen_clock: set[str] = set()
    for action in actions.allowed():
        url = _url(case, action)
        if action.name in _CLOCK_SLUGS:
            if url in seen_clock:
                continue  # one clock page serves the request and every part
            seen_clock.add(url)
            about = ""
        elif action.subject is not None:
            about = f"subject {action.subject}: {names.get(action.subject, '')}".rstrip(": ")
        elif action.holding is not None:
            about = "the file asked for"
        else:
            about = ""
        items.append(
            NowItem(action.name, action.step.words.button, about, url, action.name in SECONDARY)
        )
    # The main steps first, then the ones that tidy up; each group in declared order.
    return sorted(items, key=lambda i: i.secondary)


def _name(subject: RequestSubject) -> str:
    return subject.person.full_name if subject.person else subject.name_given


def _url(case: Request, action: Action) -> str:
    ref = case.reference
    if action.name in _CLOCK_SLUGS:
        return reverse("web:request_clock_step", args=[ref, _CLOCK_SLUGS[action.name]])
    if action.name == "match_subject":
        return reverse("web:request_match", args=[ref, action.subject])
    slug = action.step.slug
    if action.subject is not None:
        return reverse("web:request_part_step", args=[ref, action.subject, slug])
    if action.holding is not None:
        return reverse("web:request_holding_step", args=[ref, action.holding, slug])
    return reverse("web:request_step", args=[ref, slug])
