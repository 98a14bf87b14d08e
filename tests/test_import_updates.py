"""A newer extract updates what changed and leaves the rest alone."""

import shutil
from pathlib import Path

import pytest

from disclose.audit.models import AuditEvent
from disclose.records.importer import import_extract
from disclose.records.models import Address, Holding, Person

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "small_extract"


def test_a_newer_extract_updates_changed_rows_and_removes_ones_it_no_longer_has(tmp_path):
    folder = tmp_path / "extract"
    shutil.copytree(FIXTURE, folder)
    assert import_extract(folder, show_progress=False).ok
    Holding.objects.filter(holding_id="H1").update(status="requested")

    persons = folder / "ssd_person.csv"
    persons.write_text(persons.read_text().replace("Ruby,Clarke", "Ruby,Clarke-Hart"))
    addresses = folder / "ssd_address.csv"
    addresses.write_text("".join(addresses.read_text().splitlines(keepends=True)[:2]))
    report = import_extract(folder, show_progress=False)

    assert report.ok
    counts = report.counts
    assert (counts["persons"].updated, counts["persons"].unchanged) == (1, 3)
    assert counts["addresses"].removed == 1 and counts["addresses"].unchanged == 1
    assert counts["episodes"].unchanged == 3 and counts["episodes"].updated == 0
    assert Person.objects.get(person_id="P2").surname == "Clarke-Hart"
    assert not Address.objects.filter(person__person_id="P2").exists()
    # Where a paper file is kept is casework's business; the extract does not reset it.
    assert Holding.objects.get(holding_id="H1").status == "requested"
    event = AuditEvent.objects.filter(event_type="records_imported").order_by("id").last()
    assert event.detail["tables"]["persons"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 3,
        "removed": 0,
    }
