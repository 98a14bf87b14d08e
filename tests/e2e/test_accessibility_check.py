"""The accessibility check itself: it must find a real problem, or a clean result means nothing."""

import pytest

from .browser import assert_accessible

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Check</title></head>
<body><main><h1>Check</h1><input type="text" name="username"></main></body></html>"""


def test_the_accessibility_check_fails_a_page_with_an_unlabelled_input(chromium):
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_content(PAGE)
        with pytest.raises(AssertionError, match="label"):
            assert_accessible(page)
    finally:
        context.close()
