"""The managers' dashboard (issue 7, item 4): requests by agency, route, stage
and outcome; time taken per stage against its limit; what is overdue; files
out of storage. For team managers, CSMs, information governance and
administrators; anyone else is told the page does not exist.

Managers come back to this page again and again, and each time its figures
are counted over every request in the dates asked. So each person's figures
are kept for a minute in the server process that counted them, and the page
says when they were counted (issue 11: pages at a county's scale).
"""

import hashlib
from datetime import date

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from disclose.audit.tables import plural
from disclose.casework import reports
from disclose.casework.actors import roles_of
from disclose.casework.visibility import visible_requests

from ..charts import Series, bar_chart, counts_chart
from ..forms_reports import DateRangeForm
from ..paging import PER_PAGE, asked_for, page_of
from ..roles import for_roles, role_check

DASHBOARD_ROLES = frozenset({"team_manager", "csm", "information_governance", "admin"})


can_see_dashboard = role_check(*DASHBOARD_ROLES)

# How long one person's figures are shown before they are counted again.
COUNTED_FOR_SECONDS = 60


@for_roles(*DASHBOARD_ROLES)
@require_GET  # read-only pages (issue 6: changes only by POST, and only where a step is)
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DateRangeForm(request.GET or None)
    context = {"form": form, "counted": _counted(request, *form.range())}
    return render(request, "web/dashboard/dashboard.html", context)


def _counted(request: HttpRequest, start: date, end: date) -> str:
    """This person's figures for these dates, drawn: counted now unless this
    process counted the same ones in the last minute. Kept under the person,
    their roles and what they asked for, so no one is shown figures counted
    for someone else; a change of team shows within the minute."""
    today = timezone.localdate()
    user = request.user
    asked = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()
    key = f"dashboard:{user.pk}:{','.join(sorted(roles_of(user)))}:{today}:{asked}"
    counted = cache.get(key)
    if counted is None:
        figures = reports.dashboard(
            start,
            end,
            today=today,
            within=visible_requests(user),
            overdue_page=asked_for(request, "overdue_page"),
            overdue_rows=PER_PAGE,
        )
        context = {
            "figures": figures,
            "counted_at": timezone.now(),
            "counted_for_minutes": COUNTED_FOR_SECONDS // 60,
            "overdue_page": page_of(
                request, "overdue_page", figures.overdue_count, anchor="overdue-heading"
            ),
            "charts": _count_charts(figures),
            "times_chart": _times_chart(figures.stage_times),
        }
        counted = render_to_string("web/dashboard/_figures.html", context)
        cache.set(key, counted, COUNTED_FOR_SECONDS)
    return counted


def _count_charts(figures: reports.Dashboard) -> list[dict]:
    """Each chart with its table: (heading, chart, rows, what is counted)."""
    specs = (
        ("agency", "Requests by agency", figures.by_agency, "requests", "Agency"),
        ("route", "Subjects by route", figures.by_route, "subjects", "Route"),
        ("stage", "Requests by stage", figures.by_stage, "requests", "Stage"),
        ("outcome", "Subjects by outcome", figures.by_outcome, "subjects", "Outcome"),
    )
    return [
        {
            "id": f"chart-{key}",
            "heading": heading,
            "chart": counts_chart(f"chart-{key}", heading, rows, noun),
            "rows": rows,
            "noun": noun,
            "column": column,
        }
        for key, heading, rows, noun, column in specs
    ]


def _times_chart(stage_times: list[reports.StageTime]):
    rows = []
    for t in stage_times:
        average = t.average or 0
        taken = "none done yet" if t.average is None else f"{t.average} working days"
        rows.append(
            (
                t.label,
                [
                    Series("Average taken", average, f"Average taken: {taken}"),
                    Series("Limit", t.limit, f"Limit: {plural(t.limit, 'working day')}"),
                ],
            )
        )
    description = (
        "For each stage, the average working days taken for stages done, beside the "
        "time limit. "
        + "; ".join(
            f"{t.label}: average {t.average if t.average is not None else 'none'}, limit {t.limit}"
            for t in stage_times
        )
        + ". The same figures are in the table after the chart."
    )
    return bar_chart("chart-times", "Time taken per stage against its limit", description, rows)
