"""The links in every staff page's header (the service navigation): each link
once, in order, with who sees it.

Who sees a link is asked on every page, so a change of role shows at once.
Each link's address is worked out once per process: the addresses never change
while it runs, and working them out on every page, through the template
engine, cost each page as much as one of its queries (issue 11).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import reverse

from .access import can_use_records
from .roles import role_check
from .views.dashboard import can_see_dashboard
from .views.exports import can_export
from .views.governance import can_govern
from .views.outbox import can_see_outbox
from .views.requests_intake import LOGGERS
from .views.requests_list import LIST_ROLES

# The SCIMT logs every request; a social worker, one made to them directly
# about their open case (section 1; procedure/direct_requests.py).
can_log_requests = role_check(*LOGGERS)
# Requests that came by email are the SCIMT's to check and log.
can_take_email_requests = role_check("scimt_officer")
# Requests (/requests/): the SCIMT, information governance and managers (issue 13).
can_list_requests = role_check(*LIST_ROLES)
can_see_team_work = role_check("team_manager", "csm")


def _everyone(user) -> bool:
    return True


def _administrators(user) -> bool:
    return user.is_staff


@dataclass(frozen=True)
class Link:
    url_name: str  # also what marks the link as the page being shown
    text: str
    shown_to: Callable[[object], bool]


LINKS = (
    Link("web:my_work", "My work", _everyone),
    Link("web:request_new", "New request", can_log_requests),
    Link("web:email_drafts", "Requests by email", can_take_email_requests),
    Link("web:request_list", "Requests", can_list_requests),
    Link("web:request_team", "My team's work", can_see_team_work),
    Link("web:person_search", "Find a person", can_use_records),
    Link("web:dashboard", "Dashboard", can_see_dashboard),
    Link("web:exports", "Exports", can_export),
    Link("web:disclosure_log", "Disclosure log", can_govern),
    Link("web:audit", "Audit", can_govern),
    Link("web:outbox", "Outbox", can_see_outbox),
    Link("admin:index", "Admin", _administrators),
)


@dataclass(frozen=True)
class Shown:
    href: str
    text: str
    current: bool


def links_for(user, here: str | None) -> list[Shown]:
    """The links this person sees, `here` (the page's URL name) marked."""
    return [
        Shown(_href(link.url_name), link.text, link.url_name.split(":")[1] == here)
        for link in LINKS
        if link.shown_to(user)
    ]


@cache
def _href(url_name: str) -> str:
    return reverse(url_name)
