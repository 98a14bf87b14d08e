"""Who sees the New request, Disclosure log and Audit links in the header (issue 5)."""

from django import template

from ..views.governance import can_govern

register = template.Library()

register.filter("can_govern", can_govern)


@register.filter
def can_log_requests(user) -> bool:
    """The SCIMT logs every request (section 1)."""
    return user.is_authenticated and user.is_active and "scimt_officer" in user.role_codes()
