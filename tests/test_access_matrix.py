"""The access matrix (issue 6, item 2): every URL the app defines, for every role
and for someone not signed in, by GET and by POST, against a request, person,
holding and document that belong to another team's work.

Every 2xx must be a cell declared below as allowed; anyone not signed in is
sent to a sign-in page; everyone else gets 403, 404, 405 or a redirect, and no
response that is not allowed carries any of the other team's data.
"""

import io
import re

import pytest
from casework_factories import approved, build_office, make_staff, make_team, receive
from django.contrib.admin import site as admin_site
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hard_copy_factories import PDF
from portal_mail import portal_session_key

from disclose.casework import services
from disclose.portal.sessions import PORTAL_COOKIE
from disclose.records.models import Locality, Role, Staff
from disclose.web.views.requests_steps import STEPS

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
SUPERUSER = "superuser"
# A professional signed in to the agency portal (issue 16): their own portal
# pages only; every staff page and every other professional's request is 404.
PORTAL_USER = "portal_user"
ROLES = [code.value for code in Role.Code]
ROWS = [ANONYMOUS, *ROLES, SUPERUSER, PORTAL_USER]
OVERSEERS = {"scimt_officer", "information_governance", "admin", SUPERUSER}

# Sign-in and sign-out pages answer anyone: they show nothing about anybody.
PUBLIC = {
    "web:sign_in",
    "web:two_factor",
    "web:two_factor_set_up",
    "web:sso_start",
    "web:sso_callback",
    "web:sign_out",
    "admin:login",
    "admin:logout",
    "portal:sign_in",
    "portal:check_email",
    "portal:sign_in_link",
    "portal:enter_code",
    "portal:sign_out",
    "portal:signed_out",
    "web:health",  # for the proxy: no sign-in, nothing about anyone (issue 11)
}
# What a signed-in professional may open: pages about themselves, never a request
# of someone else's (the matrix's request is another agency's).
PORTAL_OWN = {"portal:home", "portal:ask"}
REQUEST_PAGES = {
    "web:request_detail",
    "web:request_people",
    "web:request_messages",
    "web:request_documents",
    "web:request_case_notes",
    "web:request_timeline",
    "web:request_print",
    "web:request_procedure",
    "web:request_match",
    "web:request_step",
    "web:request_part_step",
    "web:request_holding_step",
}


def allowed(row: str, name: str, method: str) -> bool:
    """The cells where a 2xx is right, role by role."""
    if name in PUBLIC:
        return True
    if row == ANONYMOUS:
        return False
    if row == PORTAL_USER or name.startswith("portal:"):
        return row == PORTAL_USER and name in PORTAL_OWN
    if name == "web:my_work":
        return method == "GET"
    if row in {"team_manager", "csm", "information_governance", "admin", SUPERUSER}:
        if name == "web:dashboard":
            return method == "GET"  # figures, no names (web/views/dashboard.py)
    if row in {"information_governance", "admin", SUPERUSER}:
        if name in {"web:exports", "web:export_download"}:
            return method == "GET"  # the disclosure log (web/views/exports.py)
    if row in {"information_governance", "admin", SUPERUSER}:
        if name in {"web:disclosure_log", "web:audit"}:
            # The disclosure log and audit views (web/views/governance.py); the audit
            # page takes a record id or username by POST.
            return method == "GET" or name == "web:audit"
    if row in {"admin", SUPERUSER} and name == "web:outbox":
        return method == "GET"  # what has not gone, with Retry (web/views/outbox.py)
    if row == SUPERUSER and name.startswith("admin:"):
        return True  # the admin site is for superusers (and staff it names)
    # Requests (/requests/, issue 13): overseers find every request; managers
    # only those they may see (tests/test_web_requests_list.py). Search by POST.
    if name == "web:request_list" and row in OVERSEERS | {"team_manager", "csm"}:
        return True
    # My team's work: for team managers and CSMs.
    if name == "web:request_team" and row in {"team_manager", "csm"}:
        return method == "GET"
    # SCIMT, information governance and administrators oversee every request
    # and may search the records (section 1; web/access.py).
    if row in OVERSEERS and name in REQUEST_PAGES:
        return True
    # Business support fetch and return files for every team: a request with
    # files asked for is theirs to see (web/views/requests_access.py), its
    # person's record is not.
    if row == "business_support" and name in REQUEST_PAGES:
        return True
    if row in OVERSEERS - {SUPERUSER} and name in {"web:person_search", "web:person_detail"}:
        return True
    if row == "scimt_officer" and name in {"web:request_new", "web:email_drafts"}:
        return True  # section 1: the SCIMT logs every request
    if row == "social_worker" and name == "web:request_new":
        return True  # section 1: one made to them directly about their open case
    # Information governance may see every document (casework/document_access.py).
    return row == "information_governance" and name == "web:document_download" and method == "GET"


# --- the other team's work --------------------------------------------------


@pytest.fixture(name="theirs")
def theirs_fixture(settings, tmp_path):
    """A request about a child of Bassetlaw Team 1, approved, allocated, a paper
    file asked for and a document kept: none of it anything to do with `staff`."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    office = build_office()
    person = office.closed_case(paper=True)
    person.forename, person.surname = "Zinnia", "Quarrendon"
    person.save()
    request = approved(office, person, office.csm_t1, requestor_name="DS Ottoline Vexworth")
    services.allocate(actor=office.tm_t1, request=request, worker=office.sw_t1)
    services.verify_identity(
        actor=office.sw_t1, request=request, method="call_back", outcome="verified"
    )
    holding = person.holdings.get()
    services.request_paper_files(actor=office.sw_t1, request=request, holding=holding)
    document = services.upload_document(
        actor=office.sw_t1,
        request=request,
        file=io.BytesIO(PDF),
        name="plan.pdf",
        title="Vexworth disclosure letter",
    )
    return {
        "office": office,
        "request": request,
        "person": person,
        "holding": holding,
        "document": document,
        "secrets": ["Zinnia", "Quarrendon", "Vexworth"],
    }


@pytest.fixture(name="staff")
def staff_fixture(db) -> dict[str, Staff]:
    """One member of staff per role, in a team of another locality."""
    elsewhere = make_team(
        "T9", name="Newark Children's Team", locality=Locality.objects.create(name="Newark")
    )
    people = {code: make_staff(f"matrix.{code}", code, team=elsewhere) for code in ROLES}
    elsewhere.team_manager, elsewhere.csm = people["team_manager"], people["csm"]
    elsewhere.save()
    people[SUPERUSER] = Staff.objects.create_superuser("matrix.superuser", "su@council.example")
    people[PORTAL_USER] = PORTAL_USER
    # Signed in with two factors, the superuser has an authenticator app.
    TOTPDevice.objects.create(user=people[SUPERUSER], name="Authenticator app")
    return people


def sign_in(client, user: Staff | str) -> None:
    """Signed in through the current mechanism (a session the app accepts)."""
    if user == PORTAL_USER:
        client.cookies[PORTAL_COOKIE] = portal_session_key("dc.matrix@notts.police.uk")
    else:
        client.force_login(user)


# --- every URL ----------------------------------------------------------------


def patterns(resolver: URLResolver | None = None, namespace: str = ""):
    """(name with namespace, URLPattern) for every named URL, walking includes."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def parameters(entry: URLPattern) -> list[str]:
    return list(re.compile(entry.pattern.regex.pattern).groupindex)


def admin_object_id(entry: URLPattern) -> str:
    model_admin = getattr(entry.callback, "model_admin", None)
    model = model_admin.model if model_admin else None
    first = model.objects.order_by("pk").first() if model else None
    return str(first.pk) if first else "1"


def fillings(name: str, entry: URLPattern, theirs) -> list[dict]:
    """Each set of path parameters to try: ids of the other team's objects, and
    every step for the step pages."""
    ids = {
        "reference": theirs["request"].reference,
        "number": 1,
        "holding": theirs["holding"].pk,
        "pk": theirs["document"].pk if "document" in name else theirs["person"].pk,
        "app_label": "casework",
        "content_type_id": 1,
        "name": "disclosure-log",
        "fmt": "csv",
    }
    wanted = parameters(entry)
    kwargs = {p: ids.get(p) or admin_object_id(entry) for p in wanted}
    if "slug" not in wanted:
        return [kwargs]
    level = {"web:request_part_step": "part", "web:request_holding_step": "holding"}
    return [
        {**kwargs, "slug": slug}
        for slug, page in STEPS.items()
        if page.level == level.get(name, "request")
    ]


def every_url(theirs) -> list[tuple[str, str]]:
    urls = []
    for name, entry in patterns():
        if name.startswith("api:"):
            continue  # the API's own matrix: test_access_matrix_api.py
        for kwargs in fillings(name, entry, theirs):
            urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


def form_for(name: str, theirs) -> dict:
    """What a POST carries: enough to show the other team's data if it were let through."""
    reference = theirs["request"].reference
    if name == "web:person_detail":
        return {"request_reference": reference}
    if name == "web:person_search":
        return {"request_reference": reference, "forename": "Zinnia", "surname": "Quarrendon"}
    return {}


# --- the matrix ---------------------------------------------------------------


def _sent_to_sign_in(response) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location.startswith("/sign-in/")
        or location.startswith("/admin/login/")
        or location.startswith("/portal/sign-in/")
    )


@pytest.mark.parametrize("row", ROWS)
def test_no_role_gets_a_page_it_is_not_allowed(client, staff, theirs, row):
    client.raise_request_exception = False  # a crash is a 500 in the list, not a stop
    wrong = []
    signed_in = False
    for name, url in every_url(theirs):
        for method in ("GET", "POST"):
            if row != ANONYMOUS and not signed_in:
                sign_in(client, staff[row])
            # Sign-in and sign-out pages may end the session: sign in again after them.
            signed_in = name not in PUBLIC
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, form_for(name, theirs))
            status = response.status_code
            ok = allowed(row, name, method)
            if status >= 500:
                wrong.append(f"{method} {url} ({name}): server error {status}")
            elif 200 <= status < 300 and not ok:
                wrong.append(f"{method} {url} ({name}): {status}, not declared allowed")
            elif row == ANONYMOUS and not ok and not _sent_to_sign_in(response):
                wrong.append(f"{method} {url} ({name}): {status}, not sent to sign in")
            elif not ok and status not in (301, 302, 303, 403, 404, 405):
                wrong.append(f"{method} {url} ({name}): unexpected {status}")
            if not ok and not getattr(response, "streaming", False):
                body = response.content.decode(errors="replace")
                leaked = [s for s in theirs["secrets"] if s in body]
                if leaked:
                    wrong.append(f"{method} {url} ({name}): shows {leaked}")
    assert not wrong, "\n".join(wrong)


def test_the_matrix_covers_every_page_of_the_app_and_the_admin(theirs):
    names = {name for name, _ in every_url(theirs)}
    assert {"web:request_detail", "web:document_download", "web:person_detail"} <= names
    assert "admin:records_person_change" in names
    registered = {m._meta.model_name for m in admin_site._registry}
    assert all(any(f"_{model}_" in n for n in names) for model in registered)


def _not_found_and_says_nothing(response, theirs) -> None:
    assert response.status_code == 404
    body = response.content.decode()
    assert not any(secret in body for secret in theirs["secrets"])


@pytest.mark.parametrize("role", ["social_worker", "team_manager", "csm", "legal_services"])
def test_another_teams_request_document_and_person_are_not_found(client, staff, theirs, role):
    sign_in(client, staff[role])
    reference = theirs["request"].reference
    for response in (
        client.get(f"/requests/{reference}/"),
        client.get(f"/documents/{theirs['document'].pk}/"),
        client.get(f"/persons/{theirs['person'].pk}/"),
        client.post(f"/persons/{theirs['person'].pk}/", {"request_reference": reference}),
    ):
        _not_found_and_says_nothing(response, theirs)


def test_business_support_see_a_request_only_once_files_are_asked_for_and_never_the_record(
    client, staff, theirs
):
    sign_in(client, staff["business_support"])
    person, reference = theirs["person"], theirs["request"].reference
    assert client.get(f"/requests/{reference}/").status_code == 200  # files to fetch
    _not_found_and_says_nothing(client.get(f"/persons/{person.pk}/"), theirs)
    posted = client.post(f"/persons/{person.pk}/", {"request_reference": reference})
    _not_found_and_says_nothing(posted, theirs)
    _not_found_and_says_nothing(client.get(f"/documents/{theirs['document'].pk}/"), theirs)
    other = receive(theirs["office"], person)
    _not_found_and_says_nothing(client.get(f"/requests/{other.reference}/"), theirs)


def test_a_worker_sees_the_person_only_for_the_request_they_work_on(client, theirs):
    worker = theirs["request"].subjects.get().worker
    sign_in(client, worker)
    person, reference = theirs["person"], theirs["request"].reference
    page = client.post(f"/persons/{person.pk}/", {"request_reference": reference})
    assert page.status_code == 200 and "Quarrendon" in page.content.decode()
    elsewhere = client.post(f"/persons/{person.pk}/", {"request_reference": "AR-2026-999999"})
    body = elsewhere.content.decode()
    assert "There is no request AR-2026-999999 that you work on" in body
    assert "Quarrendon" not in body and "Vexworth" not in body


def test_a_role_taken_away_takes_effect_on_the_next_request(client, staff, theirs):
    officer = staff["scimt_officer"]
    sign_in(client, officer)
    page = f"/requests/{theirs['request'].reference}/"
    assert client.get(page).status_code == 200
    officer.roles.set(Role.objects.filter(code="legal_services"))
    _not_found_and_says_nothing(client.get(page), theirs)
    assert client.get("/persons/search/").status_code == 403


def test_a_deactivated_account_is_signed_out_on_the_next_request(client, staff, theirs):
    officer = staff["scimt_officer"]
    sign_in(client, officer)
    page = f"/requests/{theirs['request'].reference}/"
    assert client.get(page).status_code == 200
    Staff.objects.filter(pk=officer.pk).update(is_active=False)
    response = client.get(page)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert client.post(f"/persons/{theirs['person'].pk}/", {}).status_code == 302
