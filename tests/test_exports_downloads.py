"""Exports of requests and of the disclosure log as CSV and Excel, for a date
range: for information governance only, each download audited, and no cell
a spreadsheet would run as a formula (issue 7, item 5)."""

import csv
import io
from datetime import date

import pytest
from casework_factories import build_office, forwarded, make_staff, receive
from openpyxl import load_workbook

from disclose.audit.models import AuditEvent
from disclose.casework import services


@pytest.fixture
def office(db):
    return build_office()


@pytest.fixture
def auditor(office):
    return make_staff("ig1", "information_governance")


@pytest.fixture
def world(office):
    """A request whose requestor's name would run as a formula, supplied."""
    request = forwarded(
        office,
        office.open_case(worker=office.sw_t1),
        requestor_name='=HYPERLINK("http://evil.example","Click")',
        received=date(2026, 11, 2),
    )
    services.supply_information(actor=office.sw_t1, request=request, summary="+44 dates only.")
    receive(office, None, received=date(2025, 1, 6))  # outside the range below
    return request


RANGE = "?from_day=1&from_month=11&from_year=2026&to_day=30&to_month=11&to_year=2026"


def download(client, who, path):
    client.force_login(who)
    return client.get(path)


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_requests_csv_has_the_requests_in_the_range_with_formulas_made_safe(
    world, auditor, client
):
    response = download(client, auditor, f"/exports/requests.csv{RANGE}")
    assert response["Content-Type"].startswith("text/csv")
    assert "disclose-requests-2026-11-01-to-2026-11-30.csv" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:2] == ["Reference", "Received"]
    assert [r[0] for r in rows] == [world.reference]
    assert rows[0][1] == "2026-11-02"
    assert rows[0][3] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows[0][11] == "Information supplied"


def test_the_disclosure_log_in_excel_keeps_dates_as_dates_and_formulas_as_text(
    world, auditor, client
):
    response = download(client, auditor, "/exports/disclosure-log.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Disclosed" and len(rows) >= 3
    kinds = [r[2] for r in rows[1:]]
    assert "Information supplied" in kinds
    for row in rows[1:]:
        assert row[4].startswith("'=")  # the requestor's name
    supplied = next(r for r in rows[1:] if r[2] == "Information supplied")
    assert supplied[9] == "'+44 dates only."
    for cell in sheet["E"][1:]:
        assert cell.data_type == "s"  # text, not a formula
    assert sheet["A2"].is_date


def test_each_download_is_audited_as_an_access_with_what_and_the_dates(world, auditor, client):
    download(client, auditor, f"/exports/requests.xlsx{RANGE}")
    event = AuditEvent.objects.filter(event_type="export_downloaded").get()
    assert event.category == "access" and event.actor == auditor
    assert event.detail == {
        "export": "requests",
        "format": "xlsx",
        "from": "2026-11-01",
        "to": "2026-11-30",
        "rows": 1,
    }


def test_only_information_governance_and_administrators_may_export(office, client):
    for who in (office.tm_t1, office.csm_t1, office.scimt):
        assert download(client, who, "/exports/requests.csv").status_code == 404
        assert download(client, who, "/exports/").status_code == 404
    assert not AuditEvent.objects.filter(event_type="export_downloaded").exists()
    admin = make_staff("admin1", "admin")
    assert download(client, admin, "/exports/requests.csv").status_code == 200


def test_the_exports_page_links_to_each_download_with_dates_only(world, auditor, client):
    html = download(client, auditor, f"/exports/{RANGE}").content.decode()
    assert f'href="/exports/requests.csv{RANGE.replace("&", "&amp;")}"' in html
    assert "Download the disclosure log (XLSX)" in html


def test_a_wrong_date_sends_you_back_to_the_exports_page(auditor, client):
    response = download(
        client, auditor, "/exports/requests.csv?from_day=40&from_month=1&from_year=2026"
    )
    assert response.status_code == 302 and response["Location"].startswith("/exports/?")
