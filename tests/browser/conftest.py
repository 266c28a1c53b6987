"""Fixtures for the browser journeys: Debian's Chromium, driven by Playwright's sync API,
against pytest-django's live server, at a phone's size.

- ``browser`` (module: shared by the tests of one file): one headless Chromium from
  /usr/bin/chromium (``GOODCATCH_CHROMIUM`` to change). Playwright never downloads a browser.
- ``page``: a fresh browser context per test (no cookies or storage carried over), 390x844,
  mobile, touch, with ``base_url`` set to the live server, so ``page.goto("/healthz")`` works.
- ``base_url``: the live server's address.

Every test under tests/browser is marked ``browser`` (``pytest -m "not browser"`` skips them).

Using ``page`` (or ``live_server``) gives the test a transactional database, as pytest-django
does for its live server: the server thread sees what the test writes, and every table is
emptied after the test. On SQLite the test database is in memory and pytest-django hands the
very same connection to the server thread; on PostgreSQL both use their own connections to the
same test database. Either way, data made in a test is visible to the pages it opens.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

# Belt and braces: nothing here may fetch a browser build.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = os.environ.get("GOODCATCH_CHROMIUM", "/usr/bin/chromium")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
HERE = Path(__file__).resolve().parent
# Long enough for a slow CI machine, short enough that a broken page fails in seconds.
TIMEOUT_MS = int(os.environ.get("GOODCATCH_BROWSER_TIMEOUT_MS", "10000"))


def chromium_args() -> list[str]:
    args = [
        "--disable-gpu",
        "--disable-dev-shm-usage",
        # The machine's network is closed: no background fetches, updates or sync to wait on.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.insert(0, "--no-sandbox")  # Chromium's sandbox refuses to run as root
    return args


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def _playwright() -> Iterator[Playwright]:
    """Playwright, started and stopped around each test module of this folder.

    Playwright's sync API keeps an asyncio event loop running in the test thread for as long
    as it is started, and Django refuses ORM calls from a thread with a running loop
    (SynchronousOnlyOperation), database setup and flushes included. So Playwright lives
    only while a browser module's tests run (the "package" scope would not do: tests/ has no
    __init__.py, so it lasts the whole session and breaks every later test that touches the
    database), and meanwhile DJANGO_ALLOW_ASYNC_UNSAFE tells Django that this test code is
    plain synchronous code. Starting Playwright and Chromium costs about a second a module.
    """
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (scripts/ensure-chromium.sh)")
    from playwright.sync_api import sync_playwright

    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@pytest.fixture(scope="module")
def browser(_playwright: Playwright) -> Iterator[Browser]:
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
    yield browser
    browser.close()


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
