"""The request page's view of the outbox: where each record-system entry
stands, and any email that has not gone (issue 14)."""

from django import template

from disclose.outbox.models import Outgoing

register = template.Library()


@register.simple_tag
def outbox_for(reference: str) -> dict[str, list[Outgoing]]:
    """Two queries, however many items the request has."""
    rows = Outgoing.objects.filter(request_reference=reference)
    return {
        "entries": list(
            rows.filter(channel=Outgoing.Channel.RECORD_SYSTEM).select_related("person")
        ),
        "not_gone": list(
            rows.filter(channel=Outgoing.Channel.EMAIL, attempts__gt=0).exclude(
                status__in=[Outgoing.Status.DELIVERED, Outgoing.Status.NO_ADDRESS]
            )
        ),
    }
