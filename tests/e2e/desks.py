"""A desk per member of staff for the long journeys: each person signs in once,
in a browser context of their own, and the journey moves from desk to desk as
the request passes from role to role. Every desk fails the test on the same
problems as the `page` fixture (missing files, script or console errors)."""

from collections.abc import Iterator

from django.contrib.auth.hashers import make_password
from signin_codes import give_device

from disclose.records.models import Staff

from .browser import PASSWORD, assert_accessible, sign_in
from .remote import expect


def can_sign_in(*people: Staff) -> None:
    """Give staff made by casework_factories a password and an authenticator app."""
    password = make_password(PASSWORD)
    for person in people:
        person.password = password
        person.save(update_fields=["password"])
        give_device(person)


class Desks:
    def __init__(self, chromium, base_url: str) -> None:
        self.chromium, self.base_url = chromium, base_url
        self.pages: dict[str, object] = {}
        self.contexts: list = []
        self.problems: list[str] = []

    def __call__(self, person: Staff):
        """The page of this person's desk, signed in (the first time, through the forms)."""
        if person.username not in self.pages:
            context = self.chromium.new_context(
                base_url=self.base_url, locale="en-GB", timezone_id="Europe/London"
            )
            context.set_default_timeout(10_000)
            self.contexts.append(context)
            page = context.new_page()
            self._watch(page)
            sign_in(page, person.username)
            self.pages[person.username] = page
        return self.pages[person.username]

    def _watch(self, page) -> None:
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not message.text.startswith("Failed to load resource")
                and self.problems.append(f"console error: {message.text}")
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and response.request.resource_type != "document"
                and self.problems.append(f"{response.status} for {response.url}")
            ),
        )

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        assert not self.problems, "The pages had problems:\n" + "\n".join(self.problems)


def open_request(page, reference: str) -> None:
    """From My work, follow the request's link (as staff would), to its page;
    axe-core on both."""
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name=reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    assert_accessible(page)


def open_desks(chromium, base_url: str) -> Iterator[Desks]:
    """For a journey's `desks` fixture: the desks, closed (and checked) at the end."""
    opened = Desks(chromium, base_url)
    yield opened
    opened.close()
