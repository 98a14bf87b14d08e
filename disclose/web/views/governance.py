"""Information governance's pages (issue 5): the disclosure log, and the audit
trail (who looked at a person's record, what a member of staff looked at, and
whether the chain of audit events is intact).

For information governance and administrators only; anyone else is told the
page does not exist (404). Every view of these pages is itself audited as an
access. A person is chosen by record id in a POST, never in the URL, so no
personal data reaches logs or browser history.
"""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from disclose.audit import reports
from disclose.audit.log import record_access, verify
from disclose.casework.models import Disclosure
from disclose.casework.models.requests import Agency

from ..forms_reports import DateRangeForm
from ..roles import for_roles, role_check

GOVERNANCE_ROLES = frozenset({"information_governance", "admin"})
PER_PAGE = 50
TRAIL_LIMIT = 500  # the newest events shown; the command line gives them all


can_govern = role_check(*GOVERNANCE_ROLES)


class LogFilterForm(DateRangeForm):
    agency = forms.ChoiceField(
        label="Agency", required=False, choices=[("", "All agencies"), *Agency.choices]
    )


@for_roles(*GOVERNANCE_ROLES)
@require_GET
def disclosure_log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    start, end = form.range()
    agency = form.cleaned_data.get("agency", "") if form.is_bound and form.is_valid() else ""
    rows = (
        Disclosure.objects.filter(disclosed_at__date__gte=start, disclosed_at__date__lte=end)
        .select_related("request", "disclosed_by", "subject")
        .order_by("-disclosed_at", "-id")
    )
    if agency:
        rows = rows.filter(to_agency=agency)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    record_access(
        event_type="disclosure_log_viewed",
        actor=request.user,
        detail={"via": "web", "start": str(start), "end": str(end), "agency": agency},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/governance/disclosure_log.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "agency": dict(Agency.choices).get(agency, ""),
            "page": page,
            "query": query.urlencode(),
            "agencies": dict(Agency.choices),
        },
    )


class PersonTrailForm(forms.Form):
    person_id = forms.CharField(label="Record id of the person", max_length=40)

    def clean_person_id(self):
        person = reports.find_person(self.cleaned_data["person_id"].strip())
        if person is None:
            raise forms.ValidationError("No person has that record id. Check it and try again.")
        return person


class UserTrailForm(forms.Form):
    username = forms.CharField(label="Username of the member of staff", max_length=150)

    def clean_username(self):
        user = reports.find_user(self.cleaned_data["username"].strip())
        if user is None:
            raise forms.ValidationError("No member of staff has that username. Check it.")
        return user


@for_roles(*GOVERNANCE_ROLES)
@require_http_methods(["GET", "POST"])
def audit(request: HttpRequest) -> HttpResponse:
    which = request.POST.get("which") if request.method == "POST" else None
    person_form = PersonTrailForm(request.POST if which == "person" else None, prefix="p")
    user_form = UserTrailForm(request.POST if which == "user" else None, prefix="u")
    context = {"person_form": person_form, "user_form": user_form, "chain": verify()}
    detail: dict = {"via": "web"}
    person = None
    if person_form.is_bound and person_form.is_valid():
        person = person_form.cleaned_data["person_id"]
        rows = reports.person_trail(person=person)
        context |= {"trail_of": f"{person.full_name} ({person.person_id})", "which": "person"}
        detail["report"] = "person_trail"
    elif user_form.is_bound and user_form.is_valid():
        user = user_form.cleaned_data["username"]
        rows = reports.user_trail(user=user)
        context |= {"trail_of": f"{user.display_name} ({user.username})", "which": "user"}
        detail |= {"report": "user_trail", "username": user.username}
    elif which == "reviews":
        rows = reports.reviews()
        context |= {"trail_of": "reviews", "which": "reviews"}
        detail["report"] = "reviews"
    else:
        rows = None
    if rows is not None:
        context |= {"rows": rows[::-1][:TRAIL_LIMIT], "total": len(rows), "limit": TRAIL_LIMIT}
    record_access(event_type="audit_viewed", actor=request.user, person=person, detail=detail)
    return render(request, "web/governance/audit.html", context)
