"""Asking for information: the intake form's questions, sent as a draft for the SCIMT."""

from django.shortcuts import get_object_or_404, redirect, render

from ..access import professional_required
from ..forms_request import PortalRequestForm
from ..models import Submission
from ..submit import submit


@professional_required
def ask(request):
    if request.method == "POST" and "add_subject" in request.POST:
        form = PortalRequestForm(initial=request.POST.dict(), subject_count=_count(request) + 1)
        return render(request, "portal/ask.html", {"form": form})
    form = PortalRequestForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        submission = submit(professional=request.professional, form=form)
        return redirect("portal:asked", pk=submission.pk)
    return render(request, "portal/ask.html", {"form": form})


@professional_required
def asked(request, pk: int):
    submission = get_object_or_404(Submission, pk=pk, professional=request.professional)
    return render(request, "portal/asked.html", {"submission": submission})


def _count(request) -> int:
    try:
        return int(request.POST.get("subject_count", 1))
    except ValueError:
        return 1
