"""Who is offered logging a new request on the requests list (the header's
links are web/menu.py)."""

from django import template

from ..menu import can_log_requests

register = template.Library()

register.filter("can_log_requests", can_log_requests)
