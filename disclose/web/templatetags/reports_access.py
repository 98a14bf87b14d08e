"""Who sees the Dashboard and Exports links in the header (issue 7)."""

from django import template

from ..views.dashboard import can_see_dashboard
from ..views.exports import can_export

register = template.Library()

register.filter("can_see_dashboard", can_see_dashboard)
register.filter("can_export", can_export)
