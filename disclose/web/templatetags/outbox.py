"""The request page's view of the outbox: where each record-system entry
stands, and any email that has not gone (issue 14)."""

from django import template

from disclose.casework.in_order import in_order
from disclose.outbox.models import Outgoing

register = template.Library()


@register.simple_tag
def outbox_for(reference: str) -> dict[str, list[Outgoing]]:
    """One query, however many items the request has (a second for the people
    they name, when there are some)."""
    rows = list(
        in_order(
            Outgoing.objects.filter(request_reference=reference)
            # Read only when there are entries: a join cost every page a wider query.
            .prefetch_related("person")
            .defer("payload")  # what is sent (documents too): the page shows only where it stands
        )
    )
    gone = {Outgoing.Status.DELIVERED, Outgoing.Status.NO_ADDRESS}
    return {
        "entries": [r for r in rows if r.channel == Outgoing.Channel.RECORD_SYSTEM],
        # An email tried and not delivered (one never tried is simply queued).
        "not_gone": [
            r
            for r in rows
            if r.channel == Outgoing.Channel.EMAIL and r.attempts > 0 and r.status not in gone
        ],
    }
