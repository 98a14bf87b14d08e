"""`{{ reference|request_url }}`: the request page's address, for lists.

The same address {% url 'web:request_detail' reference %} gives, without
reversing the URL pattern on every row: that took a tenth of a hundred-row
page's time (issue 11, item 3). The pattern is worked out once per script
prefix and the reference put in its place; references are letters, digits and
hyphens, with nothing to escape.
"""

from functools import cache

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()

_PLACEHOLDER = "REFERENCE"


@cache
def _request_page(script_prefix: str) -> str:
    return reverse("web:request_detail", args=[_PLACEHOLDER])


@register.filter
def request_url(reference: str) -> str:
    return _request_page(get_script_prefix()).replace(_PLACEHOLDER, str(reference))


def request_urls():
    """request_url for the rows of one list: the script prefix read once."""
    page = _request_page(get_script_prefix())
    return lambda reference: page.replace(_PLACEHOLDER, str(reference))
