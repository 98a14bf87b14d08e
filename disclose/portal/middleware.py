"""Keeps the portal and the staff pages apart, both ways.

A professional signed in to the portal gets 404 from every staff page (and the
admin), whatever else the browser holds; a member of staff signed in gets 404
from every portal page. Each side answers only its own session, so neither can
be reached with the other's, and a page of the other side looks like one that
does not exist. Runs after AuthenticationMiddleware (request.user).
"""

from django.conf import settings
from django.http import Http404

from .sessions import professional_for

PORTAL_PREFIX = "/portal/"


def in_portal(path: str) -> bool:
    return path.startswith(PORTAL_PREFIX)


class PortalSeparationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(settings.STATIC_URL):
            request.professional = None
            return self.get_response(request)
        request.professional = professional_for(request)
        if in_portal(request.path):
            if request.user.is_authenticated:
                raise Http404("No such page")
        elif request.professional is not None:
            raise Http404("No such page")
        return self.get_response(request)
