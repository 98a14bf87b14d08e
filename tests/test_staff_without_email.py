"""Staff in post without an email are never told of their work: `disclose
check` warns, naming them, and the admin staff list says so in words."""

import pytest
from casework_factories import make_staff
from django.core.management import call_command
from test_web_personas import superuser_fixture  # noqa: F401

from disclose.records.checks import staff_without_email

pytestmark = pytest.mark.django_db


def test_the_check_names_staff_in_post_without_an_email():
    make_staff("has.email", "social_worker")
    make_staff("no.email", "social_worker", email="")
    make_staff("left.no.email", "social_worker", email="", is_active=False)
    [warning] = staff_without_email()
    assert warning.id == "disclose.W001"
    assert "1 member(s) of staff" in warning.msg and "no.email" in warning.msg
    assert "left.no.email" not in warning.msg and "has.email" not in warning.msg


def test_the_check_is_quiet_when_everyone_has_an_email():
    make_staff("has.email", "social_worker")
    assert staff_without_email() == []


def test_disclose_check_reports_it(capsys):
    make_staff("no.email", "social_worker", email="")
    make_staff("gm.schools", "support_to_schools_manager")  # else disclose.E001 stops the check
    call_command("check")
    err = capsys.readouterr()
    assert "disclose.W001" in err.out + err.err


def test_the_admin_staff_list_flags_them_in_words(client, superuser):
    client.force_login(superuser)
    make_staff("no.email", "social_worker", email="")
    page = client.get("/admin/records/staff/?has_email=no").content.decode()
    assert "no.email" in page and "No email: not told of work sent to them" in page
