"""GOV.UK Frontend and MoJ Frontend are served by the app itself, and no page has inline script.

The stylesheet and script come from node_modules (npm ci, from package-lock.json) through
Django's staticfiles and WhiteNoise: nothing from a CDN. No page may carry script in the
page itself, so that a Content Security Policy can forbid it (issue 6).
"""

import re
from html.parser import HTMLParser

import pytest
from test_web_personas import lawyer_fixture, officer_fixture, person_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def fetch(client, url: str) -> tuple[int, str, str]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, response.get("Content-Type", ""), body.decode()


@pytest.mark.parametrize(
    ("url", "content_type", "sign"),
    [
        ("/static/govuk/govuk-frontend.min.css", "text/css", ".govuk-template"),
        ("/static/govuk/govuk-frontend.min.js", "javascript", "export{"),
        ("/static/moj/moj-frontend.min.css", "text/css", ".moj-timeline"),
        ("/static/moj/moj-frontend.min.js", "javascript", "export{"),
    ],
)
def test_the_design_system_files_are_served_by_the_app(client, url, content_type, sign):
    status, kind, body = fetch(client, url)
    assert status == 200
    assert content_type in kind
    assert sign in body.replace(" ", "")


def test_every_page_loads_the_design_system_through_its_own_static_files(client):
    _, _, page = fetch(client, "/sign-in/")
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    scripts = re.findall(r'<script type="module" src="([^"]+)"></script>', page)
    assert stylesheets == ["/static/web/disclose.css"]
    assert scripts == ["/static/web/disclose.js"]
    _, _, css = fetch(client, stylesheets[0])
    _, _, js = fetch(client, scripts[0])
    # Relative to /static/web/, so the browser asks this app, never another host.
    assert '@import url("../govuk/govuk-frontend.min.css")' in css
    assert '@import url("../moj/moj-frontend.min.css")' in css
    assert 'from "../govuk/govuk-frontend.min.js"' in js
    assert 'from "../moj/moj-frontend.min.js"' in js
    assert not re.search(r"""(url\(|from )["']?(https?:)?//""", css + js)


def test_every_icon_moj_frontend_looks_for_outside_static_is_pointed_at_its_served_copy(client):
    _, _, moj = fetch(client, "/static/moj/moj-frontend.min.css")
    _, _, ours = fetch(client, "/static/web/disclose.css")
    icons = set(re.findall(r"url\(/assets/images/([\w.-]+)\)", moj))
    assert len(icons) >= 10
    for icon in sorted(icons):
        assert f'url("../moj/assets/images/{icon}")' in ours, icon
        status, kind, _ = fetch(client, f"/static/moj/assets/images/{icon}")
        assert (status, kind) == (200, "image/svg+xml"), icon


class ScriptFinder(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block: inline scripts and
    event-handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.inline.append(f"<script> at line {self.getpos()[0]}")
        self.inline += [f"{name}= on <{tag}>" for name in names if name.startswith("on")]
        if (names.get("href") or "").lower().startswith("javascript:"):
            self.inline.append(f"javascript: link on <{tag}>")


def assert_no_inline_script(page: str) -> None:
    finder = ScriptFinder()
    finder.feed(page)
    assert finder.inline == []


def test_no_page_has_inline_script(client, officer, lawyer, person):
    pages = [fetch(client, "/sign-in/")[2]]
    pages.append(client.post("/sign-in/", {"username": "x", "password": "y"}).content.decode())
    client.force_login(officer)
    pages.append(fetch(client, "/")[2])
    pages.append(fetch(client, "/persons/search/")[2])
    pages.append(client.post("/persons/search/", {"surname": "Smith"}).content.decode())
    pages.append(fetch(client, f"/persons/{person.pk}/")[2])
    pages.append(
        client.post(f"/persons/{person.pk}/", {"request_reference": "REQ-1"}).content.decode()
    )
    pages.append(fetch(client, "/no-such-page/")[2])
    client.force_login(lawyer)
    pages.append(fetch(client, "/persons/search/")[2])
    assert len(pages) == 9 and all("govuk-template" in page for page in pages)
    for page in pages:
        assert_no_inline_script(page)


def test_the_inline_script_check_finds_inline_script():
    with pytest.raises(AssertionError):
        assert_no_inline_script("<body><script>alert(1)</script></body>")
    with pytest.raises(AssertionError):
        assert_no_inline_script('<body><button onclick="go()">Go</button></body>')
    assert_no_inline_script('<body><script type="module" src="/static/web/disclose.js"></script>')
