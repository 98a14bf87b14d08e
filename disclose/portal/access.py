"""Who may use a portal page, and which requests are theirs.

`professional_required` is the portal's one gate for signed-in pages; `own_request`
returns a request only to the professional who asked it, and 404 to everyone
else, so another professional's request looks like one that does not exist.
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect

from disclose.casework.models import Request
from disclose.intake.models import DraftRequest

from .models import Professional, Submission


def professional_required(view):
    @wraps(view)
    def gated(request, *args, **kwargs):
        if getattr(request, "professional", None) is None:
            return redirect("portal:sign_in")
        return view(request, *args, **kwargs)

    return gated


def own_references(professional: Professional):
    """The references of the requests the SCIMT logged from this professional's
    submissions (a draft confirmed names its request)."""
    return (
        Submission.objects.filter(
            professional=professional, draft__status=DraftRequest.Status.CONFIRMED
        )
        .exclude(draft__request_reference="")
        .values("draft__request_reference")
    )


def own_requests(professional: Professional):
    return Request.objects.filter(reference__in=own_references(professional))


def own_request(professional: Professional, reference: str) -> Request:
    found = own_requests(professional).filter(reference=reference).first()
    if found is None:
        raise Http404("No such request")
    return found
