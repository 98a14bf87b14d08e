"""The Outbox page (issue 14): for administrators, what has not gone.

Everything that leaves Disclose waits in the outbox until the worker delivers
it. This page lists what failed for good and what is still being tried, with
the last error, and a Retry button. For administrators only (anyone else gets
404). Looking is recorded as an access, and each retry as an event.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from disclose.audit.log import record, record_access
from disclose.outbox.delivery import retry
from disclose.outbox.models import Outgoing

from ..roles import for_roles, role_check

OUTBOX_ROLES = ("admin",)
SHOWN = 200  # the oldest first; the rest once these are dealt with

can_see_outbox = role_check(*OUTBOX_ROLES)


@for_roles(*OUTBOX_ROLES)
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    failed = Outgoing.objects.filter(status=Outgoing.Status.FAILED).order_by("created_at", "id")
    retrying = Outgoing.objects.filter(
        status__in=[Outgoing.Status.WAITING, Outgoing.Status.SENDING], attempts__gt=0
    ).order_by("created_at", "id")
    totals = dict(
        Outgoing.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    record_access(event_type="outbox_viewed", actor=request.user, detail={"via": "web"})
    return render(
        request,
        "web/outbox.html",
        {
            "failed": failed[:SHOWN],
            "failed_count": failed.count(),
            "retrying": retrying[:SHOWN],
            "totals": [(label, totals.get(value, 0)) for value, label in Outgoing.Status.choices],
        },
    )


@for_roles(*OUTBOX_ROLES)
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Outgoing, pk=pk)
    if item.status in (Outgoing.Status.FAILED, Outgoing.Status.WAITING):
        retry(item)
        record(
            event_type="outbox_retried",
            actor=request.user,
            request_reference=item.request_reference,
            detail={"item": item.pk, "description": item.description, "was": item.status},
        )
        messages.success(request, f"{item.description}: it will be tried again now.")
    return redirect("web:outbox")
