"""The council's name and the SCIMT's contact details at the head of each page
are read at most once a minute in each server process (web/context.py,
issue 11): a change made here shows at once, one made by another process
within the minute."""

import time

import pytest
from casework_factories import make_staff

from disclose.council.models import CouncilProfile

pytestmark = pytest.mark.django_db


def heading(client) -> str:
    html = client.get("/").content.decode()
    return html.split('class="govuk-generic-header__homepage-link">', 1)[1].split("<", 1)[0]


def test_a_change_saved_here_shows_on_the_next_page(client):
    client.force_login(make_staff("sw1", "social_worker"))
    profile = CouncilProfile.current()
    assert heading(client) == profile.council_name
    profile.council_name = "Bassetlaw Borough Council"
    profile.save()
    assert heading(client) == "Bassetlaw Borough Council"


def test_a_change_made_elsewhere_shows_within_the_minute(client, monkeypatch):
    client.force_login(make_staff("sw1", "social_worker"))
    before = heading(client)
    # As another server process would: the row changes, this process is not told.
    CouncilProfile.objects.filter(pk=1).update(council_name="Bassetlaw Borough Council")
    assert heading(client) == before
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert heading(client) == "Bassetlaw Borough Council"
