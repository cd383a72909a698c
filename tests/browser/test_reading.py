"""A reader's path through the site in Chromium, with axe on every page."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    SectionFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def story():
    SectionFactory(name="Diplomacy", slug="diplomacy", position=1)
    economy = SectionFactory(name="Economy", slug="economy", position=2)
    author = AuthorFactory(name="Mara Lind", slug="mara-lind", bio="Trade reporter.")
    article = ArticleFactory(
        headline="Grain corridor reopens after talks",
        slug="grain-corridor",
        dek="Ships sailed at dawn as insurers returned.",
        body="<p>The first convoy left at six.</p><h2>What next</h2><p>More.</p>",
        section=economy,
        authors=[author],
        tags=["shipping"],
        with_hero=True,
    )
    KeyTakeawayFactory(article=article, position=1, text="Insurance costs fell.")
    ArticleFactory(headline="Older economy note", section=economy, authors=[author])
    return article


def assert_accessible(page, axe):
    assert page.locator("h1").count() == 1
    for landmark in ("banner", "main", "contentinfo", "navigation", "search"):
        assert page.get_by_role(landmark).count() >= 1, landmark
    assert axe(page) == []


def test_home_section_article_tag_author(page, axe, story):
    page.goto("/")
    assert_accessible(page, axe)

    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Economy"
    ).click()
    page.wait_for_url("**/sections/economy/")
    assert page.locator("h1").inner_text() == "Economy"
    assert_accessible(page, axe)

    page.get_by_role("link", name="Grain corridor reopens after talks").click()
    page.wait_for_url("**/articles/grain-corridor/")
    assert page.locator("h1").inner_text() == "Grain corridor reopens after talks"
    hero = page.locator(".hero img")
    assert hero.get_attribute("width") == "160"
    assert hero.evaluate("img => img.complete && img.naturalWidth") > 0
    assert_accessible(page, axe)

    page.get_by_role("link", name="shipping").click()
    page.wait_for_url("**/topics/shipping/")
    assert_accessible(page, axe)

    page.get_by_role("link", name="Mara Lind").first.click()
    page.wait_for_url("**/authors/mara-lind/")
    assert page.locator("h1").inner_text() == "Mara Lind"
    assert_accessible(page, axe)


def test_search_from_the_header(page, axe, story):
    page.goto("/")
    page.get_by_role("searchbox", name="Search articles").fill("grain")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=grain")
    result = page.locator(".search-result").first
    assert result.locator("mark").first.inner_text().lower() == "grain"
    assert_accessible(page, axe)

    page.get_by_role("searchbox", name="Words to look for").fill("volcano")
    page.get_by_role("button", name="Search").last.click()
    page.wait_for_url("**/search/?q=volcano")
    assert "No articles match" in page.locator("main").inner_text()
    assert_accessible(page, axe)


def test_overlong_search_is_explained(page, axe, story):
    page.goto("/search/?q=" + "a" * 1001)
    alert = page.get_by_role("alert")
    assert "at most 1000 characters" in alert.inner_text()
    assert_accessible(page, axe)


def test_archive_and_404_pages(page, axe, story):
    page.goto("/archive/")
    assert_accessible(page, axe)
    months = page.get_by_role("navigation", name="Archive by month")
    published = timezone.localtime(story.published_at)
    months.get_by_role("link", name=f"{published:%B %Y}").click()
    page.wait_for_url(f"**/archive/{published:%Y}/{published:%m}/")
    assert page.get_by_role("link", name=story.headline).is_visible()
    assert_accessible(page, axe)
    response = page.goto("/articles/no-such-story/")
    assert response.status == 404
    assert_accessible(page, axe)


def test_share_links_point_at_the_article(page, story):
    page.goto(story.get_absolute_url())
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    share = page.get_by_role("region", name="Share Article")
    links = {link.inner_text(): link for link in share.get_by_role("link").all()}
    assert set(links) == {"X", "Facebook", "LinkedIn", "WhatsApp", "Telegram", "Email"}

    def query(name):
        return parse_qs(urlsplit(links[name].get_attribute("href")).query)

    assert query("X")["url"] == [canonical]
    assert query("X")["text"] == [story.headline]
    assert query("Facebook")["u"] == [canonical]
    assert query("LinkedIn")["url"] == [canonical]
    assert query("Telegram")["url"] == [canonical]
    assert canonical in query("WhatsApp")["text"][0]
    email = links["Email"].get_attribute("href")
    assert email.startswith("mailto:?subject=")
    assert links["Email"].get_attribute("target") is None

    for name in ("X", "Facebook", "LinkedIn", "WhatsApp", "Telegram"):
        link = links[name]
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in link.get_attribute("rel")
        assert "opens in a new window" in link.get_attribute("aria-label")


def test_copy_link_button(browser, site, story):
    context = browser.new_context(
        base_url=site, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        page = context.new_page()
        page.goto(story.get_absolute_url())
        button = page.get_by_role("button", name="Copy link")
        button.click()
        status = page.get_by_role("status").filter(has_text="copied")
        assert status.inner_text() == "Link copied to the clipboard."
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator('link[rel="canonical"]').get_attribute("href")
    finally:
        context.close()


def test_pages_run_under_the_csp_and_keep_json_ld(browser, site, story):
    """A context that honours the policy: the site's own script runs, the
    JSON-LD data block stays in the page, and Chromium reports nothing."""
    context = browser.new_context(base_url=site)
    try:
        page = context.new_page()
        problems = []
        page.on(
            "console",
            lambda msg: problems.append(msg.text) if msg.type == "error" else None,
        )
        response = page.goto(story.get_absolute_url())
        assert "script-src" in response.headers["content-security-policy"] or (
            "default-src 'self'" in response.headers["content-security-policy"]
        )
        page.wait_for_load_state("load")
        assert page.locator('script[type="application/ld+json"]').count() == 1
        data = page.evaluate(
            "JSON.parse(document.querySelector("
            "'script[type=\"application/ld+json\"]').textContent)"
        )
        assert data["@type"] == "NewsArticle"
        # share.js ran (it is allowed by 'self') and revealed the button.
        assert page.get_by_role("button", name="Copy link").is_visible()
        assert problems == []
    finally:
        context.close()


PAGES = [
    "/",
    "/archive/",
    "/archive/{month}/",
    "/sections/economy/",
    "/articles/grain-corridor/",
    "/topics/shipping/",
    "/authors/mara-lind/",
    "/search/?q=grain",
    "/articles/missing/",
]


def pages_of(story):
    month = f"{timezone.localtime(story.published_at):%Y/%m}"
    return [path.format(month=month) for path in PAGES]


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_no_horizontal_scrolling_at_320_px(browser, site, story):
    context = browser.new_context(base_url=site, viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        for path in pages_of(story):
            page.goto(path)
            assert no_horizontal_scroll(page), path
    finally:
        context.close()


def test_200_percent_zoom(browser, site, story):
    # 200% browser zoom of a 1280 px window lays out like a 640 px one;
    # text-only zoom doubles the root font size instead. Both must reflow.
    context = browser.new_context(base_url=site, viewport={"width": 640, "height": 720})
    try:
        page = context.new_page()
        for path in pages_of(story):
            page.goto(path)
            assert no_horizontal_scroll(page), path
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            assert no_horizontal_scroll(page), f"{path} at 200% text"
    finally:
        context.close()


def test_skip_link_and_visible_focus(page, story):
    page.goto(story.get_absolute_url())
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    outline = focused.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2


def test_headline_link_names_are_the_headlines(page, story):
    page.goto("/")
    names = [
        re.sub(r"\s+", " ", link.inner_text()).strip()
        for link in page.locator(".lead-headline a, .card-headline a").all()
    ]
    assert "Grain corridor reopens after talks" in names


def test_the_axe_harness_reports_real_problems(page, axe):
    # Guards the checks above against passing because axe never ran.
    page.set_content('<html lang="en"><title>x</title><main><img src="a.png"></main>')
    assert any(v.startswith("image-alt") for v in axe(page))
