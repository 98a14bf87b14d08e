"""The header's links (web/menu.py), for the person signed in."""

from django import template

from ..menu import links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_links(context) -> list:
    request = context["request"]
    here = request.resolver_match.url_name if request.resolver_match else None
    return links_for(request.user, here)
