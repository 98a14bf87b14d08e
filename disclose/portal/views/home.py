"""Your requests: what this professional asked, and where each stands."""

from django.shortcuts import render

from ..access import own_requests, professional_required


@professional_required
def home(request):
    requests = own_requests(request.professional).order_by("-received", "-id")
    return render(request, "portal/home.html", {"requests": requests})
