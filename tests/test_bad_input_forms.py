"""Bad input to every web form (issue 6, item 6): arbitrary text, unicode,
control characters and overlong values posted to each form page never give a
server error; the page says what is wrong, or the step goes ahead."""

import os
import re

import pytest
from casework_factories import receive
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_access_matrix import sign_in, staff_fixture, theirs_fixture  # noqa: F401

from disclose.web.views.requests_steps import STEPS

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "5"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Pages whose answer to a good POST is a page (results, a record), not a redirect.
SHOWS_RESULTS = re.compile(r"^/sign-in/|^/persons/|/match/$")
NAMES = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
VALUES = re.compile(r'<(?:input|option)[^>]*\bvalue="([^"]*)"')
ODD = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999999",
    "2026-02-30",
    "31",
    "13",
    "\x00",
    "a\x00b",
    "\u202e\u0000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\ud7ff\ufffd",
    "AR-2026-000001",
]
value = st.one_of(
    st.text(max_size=40),
    st.sampled_from(ODD),
    st.text(min_size=1, max_size=4).map(lambda s: s * 3000),  # overlong
)


def _pages(theirs, staff):
    """(actor, address) for every form page, as someone who may reach it."""
    office = theirs["office"]
    reference = theirs["request"].reference
    fresh = receive(office, office.open_case())
    pages = [
        (None, "/sign-in/"),
        (office.scimt, "/requests/new/"),
        (office.scimt, "/persons/search/"),
        (office.scimt, f"/persons/{theirs['person'].pk}/"),
        (office.scimt, f"/requests/{fresh.reference}/subjects/1/match/"),
    ]
    for slug, page in STEPS.items():
        if page.level == "request":
            pages.append((office.scimt, f"/requests/{fresh.reference}/{slug}/"))
            pages.append((office.sw_t1, f"/requests/{reference}/{slug}/"))
        elif page.level == "part":
            pages.append((office.sw_t1, f"/requests/{reference}/subjects/1/{slug}/"))
        else:
            holding = theirs["holding"].pk
            pages.append((office.bs, f"/requests/{reference}/holdings/{holding}/{slug}/"))
    return pages


def _fields(client, url) -> tuple[list[str], list[str]]:
    page = client.get(url).content.decode()
    names = sorted(set(NAMES.findall(page)) - {"csrfmiddlewaretoken"})
    return names or ["confirm"], sorted(set(VALUES.findall(page)))


def _post_anything(client, url: str, names: list[str], offered: list[str]) -> None:
    fields = st.dictionaries(st.sampled_from(names), st.one_of(value, st.sampled_from(offered)))

    @FUZZ
    @given(data=fields)
    def post(data):
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400, 403, 404, 405), (url, data)
        if response.status_code == 200 and not SHOWS_RESULTS.search(url):
            page = response.content.decode()
            assert "govuk-error-summary" in page or "govuk-error-message" in page, (url, data)

    post()


def test_every_form_page_takes_any_input_without_a_server_error(client, staff, theirs):
    pages = _pages(theirs, staff)
    assert len(pages) > 25
    for actor, url in pages:
        if actor is not None:
            sign_in(client, actor)
        else:
            client.logout()
        names, offered = _fields(client, url)
        _post_anything(client, url, names, offered or [""])


def test_an_upload_of_any_bytes_is_kept_or_refused_with_a_reason(client, theirs, settings):
    office, reference = theirs["office"], theirs["request"].reference
    sign_in(client, office.sw_t1)
    url = f"/requests/{reference}/upload-document/"

    @FUZZ
    @given(content=st.binary(max_size=2000), name=st.text(max_size=80), title=value)
    @example(content=b"", name="/", title="")
    def upload_anything(content, name, title):
        # A name the browser could send: Django's test file takes no path part
        # and no bare "." or "..".
        name = name.replace("\\", "/").rsplit("/", 1)[-1]
        upload = SimpleUploadedFile(name if name not in ("", ".", "..") else "x", content)
        response = client.post(url, {"file": upload, "title": title})
        assert response.status_code in (200, 302), (name, title)
        if response.status_code == 200:
            assert "govuk-error-summary" in response.content.decode()

    upload_anything()
