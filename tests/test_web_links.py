"""`request_url` gives the address {% url 'web:request_detail' %} gives, also
when Disclose is served under a path (a proxy's SCRIPT_NAME)."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from disclose.web.templatetags.links import request_url


def test_it_is_the_request_pages_address():
    for reference in ["AR-2026-000123", "AR-P-000001"]:
        assert request_url(reference) == reverse("web:request_detail", args=[reference])
    assert request_url("AR-2026-000123") == "/requests/AR-2026-000123/"


def test_it_keeps_the_path_disclose_is_served_under():
    set_script_prefix("/disclose/")
    try:
        assert request_url("AR-2026-000123") == "/disclose/requests/AR-2026-000123/"
        assert request_url("AR-2026-000123") == reverse(
            "web:request_detail", args=["AR-2026-000123"]
        )
    finally:
        clear_script_prefix()
    assert request_url("AR-2026-000123") == "/requests/AR-2026-000123/"
