"""No personal data in addresses, and no change without a POST that carries the
CSRF token (issue 6, item 5). Walks every URL the app defines (test_access_matrix)."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.test import Client
from django.utils.html import escape
from portal_mail import portal_session_key
from test_access_matrix import (  # noqa: F401
    PUBLIC,
    SUPERUSER,
    every_url,
    parameters,
    patterns,
    sign_in,
    staff_fixture,
    theirs_fixture,
)

from disclose.audit.models import AuditEvent
from disclose.casework.models import Request, RequestSubject
from disclose.portal.sessions import PORTAL_COOKIE

pytestmark = pytest.mark.django_db

# What a path may carry: keys and codes, never a name or a date of birth.
# A portal sign-in link's token is a one-time secret, never personal data.
SAFE_PARAMETERS = {"pk", "reference", "number", "holding", "slug", "name", "fmt", "token", "item"}
PERSONAL_FIELDS = re.compile(r"forename|surname|dob|date_of_birth|nhs|name", re.I)


class Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (names.get("method") or "get").lower(), "fields": []})
        elif tag in ("input", "select", "textarea") and self.forms:
            self.forms[-1]["fields"].append(names.get("name") or "")
        for name in ("href", "action", "src"):
            if names.get(name):
                self.links.append(names[name])


def test_addresses_carry_only_keys_and_references():
    for name, entry in patterns():
        if name.startswith("web:"):
            assert set(parameters(entry)) <= SAFE_PARAMETERS, name


def test_search_and_person_pages_post_names_and_dates_and_never_put_them_in_a_link(
    client, staff, theirs
):
    person, reference = theirs["person"], theirs["request"].reference
    sign_in(client, staff["scimt_officer"])
    pages = [
        client.get("/persons/search/"),
        client.post(
            "/persons/search/",
            {
                "request_reference": reference,
                "forename": person.forename,
                "surname": person.surname,
            },
        ),
        client.get(f"/persons/{person.pk}/"),
        client.post(f"/persons/{person.pk}/", {"request_reference": reference}),
        client.get(f"/requests/{reference}/subjects/1/match/"),
    ]
    dob = person.dob
    personal = [person.forename, person.surname, dob.isoformat(), dob.strftime("%d/%m/%Y")]
    forms_with_personal_fields = 0
    for page in pages:
        assert page.status_code == 200
        found = Forms()
        found.feed(page.content.decode())
        for form in found.forms:
            if any(PERSONAL_FIELDS.search(field) for field in form["fields"]):
                forms_with_personal_fields += 1
                assert form["method"] == "post", form
        for link in found.links:
            assert not any(value.lower() in link.lower() for value in personal), link
    assert forms_with_personal_fields >= 2  # the search form, before and after a search
    assert escape(person.surname) in pages[1].content.decode()  # the search did find them


def _state() -> dict:
    casework = apps.get_app_config("casework").get_models()
    return {
        "changes": AuditEvent.objects.filter(category=AuditEvent.Category.CHANGE).count(),
        "rows": {m.__name__: m.objects.count() for m in casework},
        "requests": list(Request.objects.order_by("pk").values_list("state", "updated_at")),
        "parts": list(RequestSubject.objects.order_by("pk").values_list("state", "assignee")),
    }


@pytest.mark.parametrize("row", ["scimt_officer", "information_governance", SUPERUSER])
def test_a_get_of_any_page_changes_nothing(client, staff, theirs, row):
    client.raise_request_exception = False
    before, accesses = _state(), AuditEvent.objects.count()
    sign_in(client, staff[row])
    for name, url in every_url(theirs):
        if name not in PUBLIC:
            client.get(url)
    assert _state() == before
    assert AuditEvent.objects.count() >= accesses  # views are logged as accesses


def test_a_post_without_the_csrf_token_is_refused_everywhere(staff, theirs):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, staff["scimt_officer"])
    portal = Client(enforce_csrf_checks=True)
    portal.cookies[PORTAL_COOKIE] = portal_session_key("dc.csrf@notts.police.uk")
    before = _state()
    accepted = []
    for name, url in every_url(theirs):
        if name in ("web:sign_out", "admin:logout"):
            continue  # would end the session; they too need the token (checked below)
        # The portal answers no staff session (404); a portal session is tried below.
        response = (portal if name.startswith("portal:") else client).post(
            url, {"request_reference": theirs["request"].reference}
        )
        if response.status_code != 403:
            accepted.append(f"{url} ({name}): {response.status_code}")
    assert accepted == []
    assert client.post("/sign-out/").status_code == 403
    assert portal.post("/portal/sign-out/").status_code == 403
    assert _state() == before
