"""The admin and the rich-text editor work in a real browser under the CSP."""

import base64
import hashlib

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory, editor

pytestmark = [
    # The live server sees committed data; the roles made by the migration are
    # put back afterwards for the other tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Reported to the page whatever the console says; init scripts are not subject
# to the page's CSP.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    [event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber,
     event.sample].join(" ")
  );
});
"""


@pytest.fixture
def browser_page(browser):
    # One Chromium for the whole session (tests/browser/conftest.py): Playwright
    # allows one sync driver per thread.
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))
    page.set_default_timeout(15_000)
    yield page, console
    context.close()


def csp_problems(page, console):
    violations = page.evaluate("window.__cspViolations")
    messages = [
        text
        for text in console
        if "Content Security Policy" in text or text.startswith("page error")
    ]
    return violations + messages


def injected_style_hashes(page):
    """The CSP hashes of <style> elements scripts added, for SECURE_CSP."""
    texts = page.evaluate(
        "[...document.querySelectorAll('head style:not([nonce])')]"
        ".map((style) => style.textContent)"
    )
    return [
        "'sha256-"
        + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        + "'"
        for text in texts
    ]


def test_editor_writes_and_saves_an_article_under_the_csp(live_server, browser_page):
    page, console = browser_page
    section = SectionFactory(name="World", slug="world")
    editor(username="ed")

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "correct-horse-battery-staple")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert csp_problems(page, console) == []

    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially("Talks Resume In Geneva")
    # Filled in by the admin's prepopulate script: scripts run under the CSP.
    assert page.input_value("#id_slug") == "talks-resume-in-geneva"
    page.fill("#id_dek", "Negotiators met again on Monday.")
    page.select_option("#id_section", str(section.pk))

    editor_area = page.locator(".field-body .ProseMirror[contenteditable=true]")
    editor_area.click()
    page.keyboard.type("The delegations met for six hours.")
    page.keyboard.press("Control+b")
    page.keyboard.type(" Bold words.")
    assert "six hours" in editor_area.inner_text()
    assert csp_problems(page, console) == [], injected_style_hashes(page)

    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")
    assert "was added successfully" in page.content()
    problems = csp_problems(page, console)
    assert problems == []

    article = Article.objects.get(slug="talks-resume-in-geneva")
    assert "The delegations met for six hours." in article.body
    assert "<strong>" in article.body
    assert "Bold words." in article.body


def test_public_article_page_runs_under_the_csp(live_server, browser_page):
    page, console = browser_page
    article = ArticleFactory(with_hero=True)

    page.goto(live_server.url + article.get_absolute_url())
    # share.js ran: it reveals the copy-link button.
    page.wait_for_selector(".share-copy:not([hidden])")
    assert csp_problems(page, console) == []
