"""The portal's "not found": its own page, with no staff navigation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from ..middleware import in_portal


def not_found(request: HttpRequest, message: str = "") -> HttpResponse:
    return render(request, "portal/not_found.html", {"message": message}, status=404)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: portal addresses get the portal's page, the rest the staff one."""
    if in_portal(request.path):
        return not_found(request)
    return defaults.page_not_found(request, exception)
