"""Browser fixtures: one Chromium per test session, a fresh context (cookies, storage) per test.

The app runs in pytest-django's live_server (a free localhost port per xdist worker) on
the test database, so journeys see the data a test makes. Debian's Chromium is used, at
/usr/bin/chromium: Playwright never downloads a browser. Without it the journeys
fail, saying what to install (.ci/run installs it).
"""

from collections.abc import Iterator

import pytest
from django.contrib.auth.hashers import make_password
from faker import Faker
from signin_codes import give_device

from disclose.records.models import Role, Staff

from . import remote
from .browser import AXE_JS, CHROMIUM, CHROMIUM_ARGS, PASSWORD, require


@pytest.fixture(scope="session")
def chromium() -> Iterator:
    """Chromium, launched once for this test process (each xdist worker has its own),
    driven from Playwright's own thread (see remote.py)."""
    require(CHROMIUM, "install Debian's chromium (apt-get install chromium) to run the journeys")
    require(AXE_JS, "run `make install` to fetch axe-core from npm")
    from playwright.sync_api import sync_playwright

    playwright = remote.run(lambda: sync_playwright().start())
    try:
        # launch() gives every browser a fresh, temporary user-data directory.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def staff(transactional_db, django_db_serialized_rollback, settings) -> dict[str, Staff]:
    """One member of staff per role (username: the role code with dots, such as
    scimt.officer), with browser.PASSWORD and an authenticator app, by role code.

    The live server reads the database from another thread, so the data must be
    committed (transactional_db); serialized rollback puts back the roles the
    migrations made, which the flush after each such test removes.
    """
    # Argon2 takes most of a second a sign-in here, on purpose; the journeys sign in
    # many times and test the pages, not the hashing, so they use a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    password_hash = make_password(PASSWORD)

    fake = Faker("en_GB")
    fake.seed_instance(5)
    people = {}
    for role in Role.objects.order_by("code"):
        person = Staff.objects.create(
            username=role.code.replace("_", "."),
            first_name=fake.first_name(),
            last_name=fake.last_name(),
            password=password_hash,
        )
        person.roles.add(role)
        give_device(person)  # an authenticator app already set up (issue 6)
        people[role.code] = person
    return people


@pytest.fixture
def page(chromium, live_server, staff) -> Iterator:
    """A new browser context and page on the live app. Fails the test if any file the
    page loads (CSS, JavaScript, images, fonts) is missing, any script throws or the
    browser reports an error on the console."""
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    # Console errors include a Content Security Policy's refusals; failed loads are
    # reported below with their address, and a 403 or 404 page is the journey's own.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(f"console error: {message.text}")
        ),
    )
    # A request cut short by the next navigation (ERR_ABORTED) is not a problem.
    page.on(
        "requestfailed",
        lambda request: (
            "ERR_ABORTED" not in (request.failure or "")
            and problems.append(f"request failed ({request.failure}): {request.url}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and problems.append(f"{response.status} for {response.url}")
        ),
    )
    yield page
    context.close()
    assert not problems, "The pages had problems:\n" + "\n".join(problems)
