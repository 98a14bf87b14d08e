"""The smaller findings of the second security review (issue 15, item 8):
20 wrong passwords at once gave 9 failures against a limit of 5; attempts while
locked were not audited; a signed-in non-admin looped for ever on /admin/; the
sign-out page said "1 minutes", and the dashboard "1 requests"."""

import pytest
from django.test import Client
from signin_codes import give_device
from test_web_personas import PASSWORD, make_staff
from threads_at_once import THREADS, at_once

from disclose.audit.models import AuditEvent
from disclose.records.models import Role


@pytest.fixture(autouse=True)
def quick(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(client, password="wrong", username="sam.officer"):  # noqa: S107
    return client.post(
        "/sign-in/", {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.only_on(
    "postgresql",
    reason="SQLite's in-memory test database cannot be shared by threads ('table is "
    "locked'); on SQLite every transaction takes the write lock first (IMMEDIATE)",
)
def test_twenty_wrong_passwords_at_once_give_exactly_the_limit_of_failures(settings):
    # Real threads, each its own connection and its own client.
    for code in Role.Code:  # a transactional test starts from empty tables
        Role.objects.get_or_create(code=code.value)
    make_staff("sam.officer", "scimt_officer", password=PASSWORD)
    limit = settings.DISCLOSE_SIGNIN_ACCOUNT_FAILURES
    results = at_once(lambda: attempt(Client()).status_code)
    assert results == [200] * THREADS, [r for r in results if r != 200][:3]
    assert AuditEvent.objects.filter(event_type="sign_in_failed").count() == limit
    assert AuditEvent.objects.filter(event_type="sign_in_locked").count() == 1
    assert AuditEvent.objects.filter(event_type="sign_in_while_locked").count() == THREADS - limit


@pytest.mark.django_db
def test_attempts_while_locked_are_audited_without_adding_to_the_count(client):
    sam = make_staff("sam.officer", "scimt_officer", password=PASSWORD)
    for _ in range(5):
        attempt(client)
    attempt(client, password=PASSWORD)  # the right password, while locked
    attempt(client)
    refused = AuditEvent.objects.filter(event_type="sign_in_while_locked").order_by("id")
    assert refused.count() == 2
    assert refused[0].actor == sam and refused[0].detail["username"] == "sam.officer"
    assert refused[0].detail["address"] == "10.0.0.1" and refused[0].detail["minutes"] == 15
    assert "password" not in str(refused[0].detail.values()).replace("'password'", "")
    assert AuditEvent.objects.filter(event_type="sign_in_failed").count() == 5


@pytest.mark.django_db
def test_a_code_typed_while_locked_is_audited(client):
    sam = make_staff("sam.officer", "scimt_officer", password=PASSWORD)
    give_device(sam)
    assert attempt(client, password=PASSWORD)["Location"] == "/sign-in/two-factor/"
    for _ in range(5):
        client.post("/sign-in/two-factor/", {"code": "000000"}, REMOTE_ADDR="10.0.0.1")
    assert AuditEvent.objects.filter(event_type="sign_in_failed").count() == 5
    # Locked: the person starts again, and even the password is refused and audited.
    page = attempt(client, password=PASSWORD).content.decode()
    assert "You have tried to sign in too many times" in page
    event = AuditEvent.objects.get(event_type="sign_in_while_locked")
    assert event.detail["reason"] == "password" and event.actor == sam


@pytest.mark.django_db
def test_a_signed_in_member_of_staff_who_is_not_an_admin_is_told_so_not_looped(client):
    worker = make_staff("sasha.worker", "social_worker")
    client.force_login(worker)
    response = client.get("/admin/", follow=True)
    assert len(response.redirect_chain) <= 1
    assert response.status_code == 403
    assert "You cannot use this page" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("DISCLOSE_IDLE_MINUTES", 1, "you had not used Disclose for 1 minute."),
        ("DISCLOSE_IDLE_MINUTES", 30, "you had not used Disclose for 30 minutes."),
        ("DISCLOSE_SESSION_HOURS", 1, "you had been signed in for 1 hour."),
    ],
)
def test_the_signed_out_message_says_1_minute_and_1_hour(settings, setting, value, words):
    from disclose.web.views.auth import ended_message

    setattr(settings, setting, value)
    reason = "idle" if setting == "DISCLOSE_IDLE_MINUTES" else "absolute"
    assert words in ended_message(reason)


def test_the_dashboard_charts_say_1_request_and_1_working_day():
    from disclose.casework.reports import StageTime
    from disclose.web.charts import counts_chart
    from disclose.web.views.dashboard import _times_chart

    assert "1 request in all." in counts_chart("c", "T", [("Police", 1)], "requests").description
    assert "2 requests in all." in counts_chart("c", "T", [("Police", 2)], "requests").description
    chart = _times_chart([StageTime("acknowledge", "Acknowledge the request", 1)])
    texts = [bar.text for group in chart.groups for bar in group.bars]
    assert "Limit: 1 working day" in texts
