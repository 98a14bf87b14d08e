"""Who sees the New request, Disclosure log and Audit links in the header (issue 5)."""

from django import template

from ..roles import role_check
from ..views.governance import can_govern

register = template.Library()

register.filter("can_govern", can_govern)


# The SCIMT logs every request (section 1).
register.filter("can_log_requests", role_check("scimt_officer"))
