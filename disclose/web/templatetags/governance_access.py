"""Who sees the New request, Disclosure log, Audit and Outbox links in the header."""

from django import template

from ..roles import role_check
from ..views.governance import can_govern
from ..views.outbox import can_see_outbox
from ..views.requests_intake import LOGGERS
from ..views.requests_list import LIST_ROLES

register = template.Library()

register.filter("can_govern", can_govern)
register.filter("can_see_outbox", can_see_outbox)


# The SCIMT logs every request; a social worker, one made to them directly
# about their open case (section 1; procedure/direct_requests.py).
register.filter("can_log_requests", role_check(*LOGGERS))
# Requests that came by email are the SCIMT's to check and log.
register.filter("can_take_email_requests", role_check("scimt_officer"))


# Requests (/requests/): the SCIMT, information governance and managers (issue 13).
register.filter("can_list_requests", role_check(*LIST_ROLES))
register.filter("can_see_team_work", role_check("team_manager", "csm"))
