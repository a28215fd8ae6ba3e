"""Playwright driving Debian's Chromium against Django's live server.

No test downloads a browser: Chromium comes from Debian (/usr/bin/chromium).
Screenshots are saved under test-artifacts/screenshots/.
"""
import os
from pathlib import Path

import pytest

from tests.services import CHROMIUM, require_chromium

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def chromium():
    require_chromium()
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between browser steps are ordinary synchronous ones.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(chromium):
    """Open a fresh browser context (own cookies) at a viewport; closed after the test.

    Every page must run without a JavaScript error: an uncaught exception, or
    anything the browser logs as an error (a script the Content-Security-Policy
    refused, a file that failed to load) fails the test at the end.
    """
    contexts = []
    errors = []

    def open_page(viewport=DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="id-ID")
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"{page.url}: uncaught {exc}"))
        def console(message):
            source = (message.location or {}).get("url", "")
            # A page a test opens on purpose to see it refused (another artisan's
            # order: 404) is its status, which the test asserts; not a broken page.
            if message.type == "error" and source != page.url:
                errors.append(f"{page.url}: console error {message.text} ({source})")

        page.on("console", console)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], "JavaScript errors on the pages:\n" + "\n".join(errors)


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def migration_rows(transactional_db):
    """The rows the data migrations write (the crafts, Indonesia) exist in every browser test.

    Browser tests are transactional, and the flush after each one also removes what
    the data migrations wrote. Serialized rollback should bring them back, but the
    test database is not always serialized (it depends on which tests pytest
    collected), so they are written again here; both writers are idempotent.
    """
    import importlib

    from django.apps import apps

    from catalogue.crafts import craft_catalogue_install

    craft_catalogue_install(apps)
    importlib.import_module("shipping.migrations.0004_indonesia_country").add_indonesia(apps, None)
