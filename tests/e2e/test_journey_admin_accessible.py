"""The Django admin passes axe-core too (issue 13, item 10): the pages an
administrator uses for staff and teams, with no violation at any level."""

from casework_factories import make_staff, make_team

from .browser import assert_accessible, screenshot, sign_in
from .remote import expect


def test_the_admin_pages_for_staff_and_teams_have_no_axe_violations(page, staff):
    admin = staff["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    team = make_team("T1", name="Bassetlaw Children's Team 1")
    worker = make_staff("no.email", "social_worker", team=team, email="")
    sign_in(page, admin.username)
    for url in (
        "/admin/",
        "/admin/records/staff/",
        "/admin/records/staff/?has_email=no",
        f"/admin/records/staff/{worker.pk}/change/",
        "/admin/records/team/",
        f"/admin/records/team/{team.pk}/change/",
    ):
        page.goto(url)
        expect(page.locator("#content")).to_be_visible()
        assert assert_accessible(page) == [], url
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/admin/records/staff/?has_email=no")
    expect(page.get_by_text("No email: not told of work sent to them").first).to_be_visible()
    screenshot(page, "admin-staff-without-email")
