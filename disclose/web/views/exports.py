"""Exports of requests and of the disclosure log, as CSV or Excel, for a date
range (issue 7, item 5). For information governance and administrators. Each
download is audited as an access; every text cell that a spreadsheet could
take for a formula is prefixed with a quote (OWASP: CSV injection).
"""

import csv
import io
from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font

from disclose.audit.log import record_access
from disclose.casework.exports import TABLES, Table

from ..forms_reports import DateRangeForm
from ..roles import for_roles, role_check

EXPORT_ROLES = frozenset({"information_governance", "admin"})
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


can_export = role_check(*EXPORT_ROLES)


def safe(value):
    """A cell value a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


@for_roles(*EXPORT_ROLES)
@require_GET  # read-only pages (issue 6: changes only by POST, and only where a step is)
def exports(request: HttpRequest) -> HttpResponse:
    form = DateRangeForm(request.GET or None)
    start, end = form.range()
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    links = [
        {
            "name": name,
            "format": fmt,
            "url": reverse("web:export_download", args=[name, fmt])
            + (f"?{query}" if query else ""),
        }
        for name in TABLES
        for fmt in FORMATS
    ]
    return render(
        request,
        "web/dashboard/exports.html",
        {"form": form, "start": start, "end": end, "links": links},
    )


@login_required
@require_GET  # read-only pages (issue 6: changes only by POST, and only where a step is)
def export_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if not can_export(request.user) or name not in TABLES or fmt not in FORMATS:
        raise Http404("No such export")
    form = DateRangeForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(reverse("web:exports") + "?" + request.GET.urlencode())
    start, end = form.range()
    table = TABLES[name](start, end)
    record_access(
        event_type="export_downloaded",
        actor=request.user,
        detail={
            "export": name,
            "format": fmt,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "rows": len(table.rows),
        },
    )
    body = _csv(table) if fmt == "csv" else _xlsx(table)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    filename = f"disclose-{name}-{start.isoformat()}-to-{end.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_text(safe(v)) for v in row])
    # A byte order mark, so Excel reads the names as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([safe(v) for v in row])
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
