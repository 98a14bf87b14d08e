"""`disclose load-profile` loads another council's profile; `show-profile` prints it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from disclose.audit.models import AuditEvent
from disclose.council.models import CouncilProfile

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "profiles" / "example-council.yaml"


def load(path: Path) -> str:
    out = io.StringIO()
    call_command("load-profile", str(path), stdout=out)
    return out.getvalue()


def test_loading_the_example_council_changes_the_profile():
    load(EXAMPLE)
    profile = CouncilProfile.current()
    assert profile.police_protocol_annex == "Annex 6"
    assert profile.council_name == "Example County Council"
    assert profile.scimt_email.endswith("@example-council.gov.uk")
    assert profile.scimt_phone != "01623 433177"


def test_loading_a_profile_writes_an_audit_event_naming_the_changed_keys():
    load(EXAMPLE)
    event = AuditEvent.objects.get(event_type="council_profile_changed")
    assert "police_protocol_annex" in event.detail["changed"]
    assert "scimt_email" in event.detail["changed"]
    assert "legal_services_name" not in event.detail["changed"]  # the same in both


def test_a_partial_file_keeps_the_keys_it_leaves_out(tmp_path):
    path = tmp_path / "partial.yaml"
    path.write_text("police_protocol_annex: Annex 6\ntime_limits: {supply: 15}\n")
    output = load(path)
    profile = CouncilProfile.current()
    assert profile.police_protocol_annex == "Annex 6"
    assert profile.scimt_phone == "01623 433177"
    assert profile.time_limits["supply"] == 15
    assert profile.time_limits["acknowledge"] == 2
    assert "police_protocol_annex" in output


def test_a_bad_file_changes_nothing_and_names_each_key_to_fix(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "police_protocol_annex: Annex 6\n"  # good, but must not be saved
        "scimt_email: not-an-email\n"
        "scimt_fax: 01234 567890\n"
        "retention_years: six\n"
    )
    with pytest.raises(CommandError) as error:
        load(path)
    message = str(error.value)
    assert "Nothing was changed" in message
    assert "scimt_email: 'not-an-email' is not an email address" in message
    assert "scimt_fax: is not a profile key" in message
    assert "retention_years: must be a whole number" in message
    assert CouncilProfile.current().police_protocol_annex == "Annex C"
    assert not AuditEvent.objects.filter(event_type="council_profile_changed").exists()


def test_a_number_where_text_belongs_is_refused(tmp_path):
    path = tmp_path / "phone.yaml"
    path.write_text("scimt_phone: 01623433177\n")
    with pytest.raises(CommandError, match="scimt_phone: must be text, in quotes"):
        load(path)


def test_a_file_that_is_not_yaml_says_where(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("council_name: Example\n  scimt_phone: [\n")
    with pytest.raises(CommandError, match="is not valid YAML at line"):
        load(path)


def test_show_profile_prints_yaml_that_loads_back_unchanged(tmp_path):
    load(EXAMPLE)
    out = io.StringIO()
    call_command("show-profile", stdout=out)
    assert "police_protocol_annex: Annex 6" in out.getvalue()
    path = tmp_path / "shown.yaml"
    path.write_text(out.getvalue())
    events_before = AuditEvent.objects.count()
    assert "Nothing was changed" in load(path)
    assert AuditEvent.objects.count() == events_before
