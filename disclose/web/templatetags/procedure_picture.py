"""{% procedure_picture case %}: the picture of the procedure on the request page."""

from django import template

from ..views.procedure_picture import picture_context

register = template.Library()


@register.inclusion_tag("web/procedure/_on_request_page.html")
def procedure_picture(case) -> dict:
    return picture_context(case)
