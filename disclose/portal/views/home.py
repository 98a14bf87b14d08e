"""Your requests: what this professional asked, and where each stands."""

from django.shortcuts import render

from disclose.audit.log import record_access
from disclose.intake.models import DraftRequest

from ..access import own_request, own_requests, professional_required
from ..downloads import downloads_for
from ..models import Submission
from ..standing import is_overdue, standing_of
from .act import available


@professional_required
def home(request):
    logged = own_requests(request.professional).order_by("-received", "-id")
    rows = [(case, standing_of(case)) for case in logged.prefetch_related("subjects")]
    waiting = Submission.objects.filter(
        professional=request.professional, draft__status=DraftRequest.Status.DRAFT
    ).select_related("draft")
    return render(request, "portal/home.html", {"rows": rows, "waiting": waiting})


@professional_required
def request_page(request, reference: str):
    case = own_request(request.professional, reference)
    standing = standing_of(case)
    record_access(
        event_type="portal_request_viewed",
        actor=None,
        request_reference=case.reference,
        detail={"professional": request.professional.email},
    )
    return render(
        request,
        "portal/request.html",
        {
            "case": case,
            "standing": standing,
            "overdue": is_overdue(standing.due),
            "sent": case.messages.order_by("created_at", "id"),
            "steps": available(request, case),
            "downloads": downloads_for(case),
        },
    )
