"""Headers on real pages (issue 6, item 5): a Content Security Policy with no
inline script or style, and no page with personal data kept by a browser or
proxy (Cache-Control: no-store)."""

from html.parser import HTMLParser

import pytest
from test_access_matrix import sign_in, staff_fixture, theirs_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}


class InlineFinder(HTMLParser):
    """Everything a policy without 'unsafe-inline' would block."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.found.append("a <script> without src")
        if tag == "style":
            self.found.append("a <style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'{name}="{value}" on <{tag}>')
            if name in ("href", "src", "action") and (value or "").startswith("javascript:"):
                self.found.append(f"a javascript: {name}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append("inline script text")


def directives(header: str) -> dict[str, str]:
    parts = (d.strip().split(None, 1) for d in header.split(";") if d.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def real_pages(client, staff, theirs):
    """(what, response) for the pages people use, with real data on them."""
    reference, person = theirs["request"].reference, theirs["person"]
    yield "sign-in", client.get("/sign-in/")
    sign_in(client, staff["scimt_officer"])
    yield "my work", client.get("/")
    yield "search", client.get("/persons/search/")
    yield (
        "search results",
        client.post(
            "/persons/search/",
            {
                "request_reference": reference,
                "forename": person.forename,
                "surname": person.surname,
            },
        ),
    )
    yield "person", client.post(f"/persons/{person.pk}/", {"request_reference": reference})
    yield "request", client.get(f"/requests/{reference}/")
    yield "step", client.get(f"/requests/{reference}/subjects/1/decide/")
    yield "new request", client.get("/requests/new/")
    sign_in(client, staff["information_governance"])
    yield "dashboard", client.get("/dashboard/")
    yield "exports", client.get("/exports/")
    yield "document", client.get(f"/documents/{theirs['document'].pk}/")
    sign_in(client, staff["superuser"])
    yield "admin", client.get("/admin/")
    yield "admin staff", client.get(f"/admin/records/staff/{staff['social_worker'].pk}/change/")


def test_every_page_sends_the_policy_and_has_no_inline_script_or_style(client, staff, theirs):
    seen = 0
    for what, response in real_pages(client, staff, theirs):
        assert response.status_code == 200, what
        policy = directives(response["Content-Security-Policy"])
        for name, value in POLICY.items():
            assert policy.get(name) == value, f"{what}: {name}"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        if response["Content-Type"].startswith("text/html"):
            finder = InlineFinder()
            finder.feed(response.content.decode())
            assert finder.found == [], f"{what}: {finder.found}"
            seen += 1
    assert seen == 12


def test_pages_with_personal_data_are_never_stored_by_a_browser_or_proxy(client, staff, theirs):
    for what, response in real_pages(client, staff, theirs):
        assert response["Cache-Control"] == "no-store", what


def test_static_files_may_be_cached(client):
    response = client.get("/static/web/disclose.css")
    assert response.status_code == 200
    assert response.get("Cache-Control", "") != "no-store"
