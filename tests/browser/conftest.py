"""Real-browser tests: Playwright driving Debian's Chromium, with axe-core.

Nothing here downloads a browser. Every test skips, saying why, where
Chromium, the Playwright package or the npm tools (`make browser-tools`)
are missing.
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"

# Playwright's sync API keeps an event loop in the test thread; the ORM calls
# the tests make to set up data are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing_browser():
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make install)"
    return None


@pytest.fixture(scope="session")
def browser(django_db_setup):
    reason = _missing_browser()
    if reason:
        pytest.skip(reason)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Inside Playwright's sync API (an event loop in the test thread) every
        # test gets other database connections than the ones the database's
        # set-up made and closes before dropping it: these are closed here,
        # or PostgreSQL refuses to drop a test database still in use.
        used_inside = connections.all()
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
        for connection in used_inside:
            connection.close()


@pytest.fixture(scope="session")
def _site_with_csp():
    """The live server runs with the CSP middleware on, so every browser test
    also proves the pages work under the policy in SECURE_CSP."""
    from django.conf import settings
    from django.test.utils import override_settings

    middleware = list(settings.MIDDLEWARE)
    if CSP_MIDDLEWARE not in middleware:
        middleware.insert(1, CSP_MIDDLEWARE)
    override = override_settings(MIDDLEWARE=middleware)
    override.enable()
    yield
    override.disable()


@pytest.fixture
def site(_site_with_csp, live_server, transactional_db, monkeypatch):
    from django.db import connections

    # The live server answers each browser connection in a thread of its own,
    # which keeps its database connection as long as the browser keeps the
    # socket open: closed after every request instead, none is left when the
    # test database is dropped.
    monkeypatch.setitem(connections["default"].settings_dict, "CONN_MAX_AGE", 0)
    return live_server.url


@pytest.fixture
def context(browser, site):
    context = browser.new_context(base_url=site, bypass_csp=True)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def axe():
    if not AXE_JS.is_file():
        pytest.skip(f"{AXE_JS.relative_to(ROOT)} is missing: run `make browser-tools`")

    def run(page):
        """WCAG 2.2 AA violations on the page, as readable strings."""
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # The context bypasses CSP only so that this test script can run.
            page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_22_AA,
        )
        return [
            f"{v['id']}: {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
            for v in result["violations"]
        ]

    return run
