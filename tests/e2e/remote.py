"""Playwright on a thread of its own, driven from the test's thread.

Playwright's synchronous API runs an asyncio loop on the thread that starts it, and
marks that loop as running for as long as Playwright lives. Django then treats that
thread as async: it refuses ORM calls there and gives it different database
connections (so a test's data and pytest-django's rollback would part company). So
Playwright gets one worker thread, and every call a test makes on a page, locator or
response goes to that thread and back. Tests read as ordinary Playwright code.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from playwright.sync_api import expect as _playwright_expect

_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")


def run(function: Callable, *args, **kwargs) -> Any:
    """Call function on the Playwright thread; return (or raise) what it did."""
    return _wrap(_thread.submit(function, *_unwrap(args), **_unwrap(kwargs)).result())


class Remote:
    """Stands for a Playwright object living on the Playwright thread."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name: str) -> Any:
        value = _thread.submit(getattr, self._target, name).result()
        if callable(value) and not isinstance(value, type):
            return lambda *args, **kwargs: run(value, *args, **kwargs)
        return _wrap(value)

    def __repr__(self) -> str:
        return f"Remote({self._target!r})"


def _is_playwright(value: Any) -> bool:
    return type(value).__module__.startswith("playwright.")


def _wrap(value: Any) -> Any:
    if isinstance(value, list):
        return [_wrap(item) for item in value]
    return Remote(value) if _is_playwright(value) else value


def _unwrap(value: Any) -> Any:
    if isinstance(value, Remote):
        return value._target
    if isinstance(value, tuple | list):
        return type(value)(_unwrap(item) for item in value)
    if isinstance(value, dict):
        return {key: _unwrap(item) for key, item in value.items()}
    return value


# As long as a page's actions may wait (conftest.py, desks.py: 10 s), not
# Playwright's 5 s: on a busy 2-core CI machine the next page can take longer
# to arrive after a click, and an expectation that gives up first is a flaky test.
EXPECT_TIMEOUT_MS = 10_000
_playwright_expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def expect(target: Any, *args, **kwargs) -> Remote:
    """Playwright's expect(), with its assertions run on the Playwright thread."""
    return run(_playwright_expect, target, *args, **kwargs)
