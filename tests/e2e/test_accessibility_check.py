"""The accessibility check itself: it must find a real problem, or a clean result means nothing."""

from .browser import assert_accessible


def test_the_accessibility_check_fails_a_page_with_an_unlabelled_input(page, staff):
    page.goto("/sign-in/")
    page.evaluate("document.querySelector('label[for=id_username]').remove()")
    try:
        assert_accessible(page)
    except AssertionError as failure:
        assert "label" in str(failure)
    else:
        raise AssertionError("axe-core found nothing wrong with an input that has no label")
