"""The managers' dashboard (issue 7, item 4): requests by agency, route, stage
and outcome; time taken per stage against its limit; what is overdue; files
out of storage. For team managers, CSMs, information governance and
administrators; anyone else is told the page does not exist.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from disclose.audit.tables import plural
from disclose.casework import reports
from disclose.casework.visibility import visible_requests

from ..charts import Series, bar_chart, counts_chart
from ..forms_reports import DateRangeForm
from ..paging import PER_PAGE, page_of
from ..roles import for_roles, role_check

DASHBOARD_ROLES = frozenset({"team_manager", "csm", "information_governance", "admin"})


can_see_dashboard = role_check(*DASHBOARD_ROLES)


@for_roles(*DASHBOARD_ROLES)
@require_GET  # read-only pages (issue 6: changes only by POST, and only where a step is)
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DateRangeForm(request.GET or None)
    start, end = form.range()
    asked = _asked(request)
    figures = reports.dashboard(
        start,
        end,
        today=timezone.localdate(),
        within=visible_requests(request.user),
        overdue_page=asked,
        overdue_rows=PER_PAGE,
    )
    page = page_of(request, "overdue_page", figures.overdue_count, anchor="overdue-heading")
    context = {
        "form": form,
        "figures": figures,
        "overdue_page": page,
        "charts": _count_charts(figures),
        "times_chart": _times_chart(figures.stage_times),
    }
    return render(request, "web/dashboard/dashboard.html", context)


def _asked(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("overdue_page", "1"))
    except ValueError:
        return 1


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
