"""`{% deadlines_for case as deadlines %}`: a request's due dates for its page,
so the request page needs only an include line (issue 7, item 1)."""

from django import template

from disclose.casework.deadlines import StageDeadline, deadlines_for

register = template.Library()


@register.simple_tag(takes_context=True)
def request_deadlines(context, request) -> list[StageDeadline]:
    # The page's council profile (web/context.py) holds the time limits: not read again.
    council = context.get("council")
    return deadlines_for(request, limits=(council.time_limits or {}) if council else None)


@register.filter
def deadline_status(deadline: StageDeadline) -> tuple[str, str]:
    """(words, GOV.UK tag colour). The words say it all; colour only repeats them."""
    if deadline.done_on:
        return ("Done late", "orange") if deadline.late else ("Done", "green")
    if deadline.stopped:
        return ("Clock stopped", "grey")
    if deadline.overdue:
        return ("Overdue", "red")
    return ("Due", "blue")


@register.simple_tag(takes_context=True)
def clock_pages(context, case) -> list:
    """The clock steps (stop, restart, extend) the person may take now."""
    from disclose.web.views.time_limits import clock_actions

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return []
    # The request page worked out what this person may do already: not again.
    return clock_actions(user, case, context.get("actions"))
