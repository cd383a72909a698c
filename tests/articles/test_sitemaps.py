import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


def locations(root, tag="sm:url"):
    return [el.findtext("sm:loc", namespaces=NS) for el in root.findall(tag, NS)]


def all_sitemap_urls(client):
    urls = []
    for sitemap in locations(xml(client, "/sitemap.xml"), "sm:sitemap"):
        path = sitemap.removeprefix("http://testserver")
        urls += locations(xml(client, path))
    return urls


@pytest.fixture
def site_content():
    author = AuthorFactory(slug="ines")
    section = SectionFactory(slug="economy")
    public = ArticleFactory(
        slug="public-story", section=section, authors=[author], tags=["grain"]
    )
    hidden_author = AuthorFactory(slug="only-drafts")
    hidden_section = SectionFactory(slug="hidden-desk")
    ArticleFactory(
        slug="draft-story",
        draft=True,
        authors=[hidden_author],
        section=hidden_section,
        tags=["secret-topic"],
    )
    ArticleFactory(slug="future-story", scheduled=True, section=hidden_section)
    return public


def test_index_lists_every_sitemap_and_they_hold_only_public_pages(
    client, site_content
):
    urls = all_sitemap_urls(client)
    month = timezone.localtime(site_content.published_at)
    assert set(urls) == {
        "http://testserver/",
        "http://testserver/archive/",
        f"http://testserver/archive/{month:%Y}/{month:%m}/",
        "http://testserver/articles/public-story/",
        "http://testserver/sections/economy/",
        "http://testserver/topics/grain/",
        "http://testserver/authors/ines/",
    }


def test_article_sitemap_is_paginated_in_the_index(client, monkeypatch):
    from articles import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(5)
    index = locations(xml(client, "/sitemap.xml"), "sm:sitemap")
    assert "http://testserver/sitemap-articles.xml?p=3" in index
    assert len(locations(xml(client, "/sitemap-articles.xml?p=3"))) == 1


def test_sitemap_uses_the_site_address(client, settings, site_content):
    settings.SITE_URL = "https://news.example.org"
    urls = locations(xml(client, "/sitemap-articles.xml"))
    assert urls == ["https://news.example.org/articles/public-story/"]


def test_article_lastmod_is_given(client, site_content):
    root = xml(client, "/sitemap-articles.xml")
    assert root.find("sm:url/sm:lastmod", NS).text.startswith(str(timezone.now().year))


class TestNewsSitemap:
    def test_lists_the_last_48_hours_only(self, client):
        now = timezone.now()
        ArticleFactory(
            slug="fresh",
            headline="Fresh & new",
            published_at=now - timedelta(hours=3),
            tags=["grain", "ports"],
        )
        ArticleFactory(slug="stale", published_at=now - timedelta(hours=49))
        ArticleFactory(slug="draft", draft=True)
        ArticleFactory(slug="later", scheduled=True)

        root = xml(client, "/news-sitemap.xml")
        assert locations(root) == ["http://testserver/articles/fresh/"]
        news = root.find("sm:url/news:news", NS)
        assert news.findtext("news:title", namespaces=NS) == "Fresh & new"
        assert news.findtext("news:publication/news:name", namespaces=NS) == (
            "Newsroom Daily Brief"
        )
        assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
        assert news.findtext("news:keywords", namespaces=NS) == "grain, ports"
        assert news.findtext("news:publication_date", namespaces=NS)

    def test_empty_is_still_valid(self, client):
        assert locations(xml(client, "/news-sitemap.xml")) == []


def test_robots_txt_points_to_the_sitemaps(client, settings):
    settings.SITE_URL = "https://news.example.org"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://news.example.org/sitemap.xml" in lines
    assert "Sitemap: https://news.example.org/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_pages_sitemap_lists_every_month_with_public_articles(client):
    old = timezone.now() - timedelta(days=800)
    ArticleFactory(published_at=old)
    ArticleFactory(published_at=old - timedelta(days=400), status="draft")
    ArticleFactory(scheduled=True)
    old = timezone.localtime(old)

    months = [
        url
        for url in locations(xml(client, "/sitemap-pages.xml"))
        if url.startswith("http://testserver/archive/")
        and url != "http://testserver/archive/"
    ]

    assert months == [f"http://testserver/archive/{old:%Y}/{old:%m}/"]


def test_index_lastmod_is_one_aggregate_not_a_walk_over_every_article(
    client, django_assert_num_queries
):
    from articles.sitemaps import ArticleSitemap

    public = [
        ArticleFactory(published_at=timezone.now() - timedelta(hours=2)),
        ArticleFactory(published_at=timezone.now() - timedelta(days=3)),
    ]
    ArticleFactory(draft=True)  # changed last, but not public

    with django_assert_num_queries(1):
        latest = ArticleSitemap().get_latest_lastmod()
    assert latest == max(max(a.updated_at, a.published_at) for a in public)


def test_index_queries_do_not_grow_with_the_articles(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def index_queries():
        client.get("/sitemap.xml")  # warm the process-wide caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    ArticleFactory.create_batch(2, tags=["diplomacy"])
    few = index_queries()
    ArticleFactory.create_batch(20, tags=["diplomacy", "trade"])
    assert index_queries() == few


def test_article_pages_are_key_ranges_holding_every_public_article_once(
    client, monkeypatch
):
    from articles import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    articles = ArticleFactory.create_batch(5)
    articles[1].status = "draft"
    articles[1].save()
    ArticleFactory(scheduled=True)
    index = locations(xml(client, "/sitemap.xml"), "sm:sitemap")
    pages = [url for url in index if "sitemap-articles" in url]
    assert len(pages) == 3  # six keys, two per page
    listed = []
    for page in pages:
        listed += locations(xml(client, page.removeprefix("http://testserver")))
    public = [a for index, a in enumerate(articles) if index != 1]
    assert sorted(listed) == sorted(
        f"http://testserver{a.get_absolute_url()}" for a in public
    )
    # A page past the end is not found, as before.
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_index_matches_what_djangos_own_template_writes(client, settings):
    from django.template.loader import render_to_string

    settings.TIME_ZONE = "Europe/Berlin"
    ArticleFactory.create_batch(3)
    response = client.get("/sitemap.xml")
    ours = ET.fromstring(response.content)

    djangos = ET.fromstring(
        render_to_string(
            "sitemap_index.xml", {"sitemaps": response.context["sitemaps"]}
        )
    )

    def entries(root):
        return [
            (
                el.findtext("sm:loc", namespaces=NS),
                el.findtext("sm:lastmod", namespaces=NS),
            )
            for el in root.findall("sm:sitemap", NS)
        ]

    assert entries(ours) == entries(djangos)
    assert any(lastmod for _, lastmod in entries(ours))


@pytest.mark.parametrize("sitemap", ["topics", "authors"])
def test_topic_and_author_sitemaps_have_as_many_pages_as_they_fill(
    client, monkeypatch, sitemap
):
    from articles import sitemaps

    monkeypatch.setattr(sitemaps.SiteSitemap, "limit", 2)
    for n in range(2):
        article = ArticleFactory(tags=[f"topic-{n}"])
        article.byline_set.create(author=AuthorFactory(), position=1)
    draft = ArticleFactory(draft=True, tags=["draft-a", "draft-b", "draft-c"])
    for _ in range(3):
        draft.byline_set.create(author=AuthorFactory(), position=1)

    def pages():
        index = locations(xml(client, "/sitemap.xml"), "sm:sitemap")
        return [url for url in index if f"sitemap-{sitemap}.xml" in url]

    # Five rows, more than a page holds: counted exactly, two with a
    # published article fill one page (not three, two of them empty).
    (page,) = pages()
    assert len(locations(xml(client, page.removeprefix("http://testserver")))) == 2

    article = ArticleFactory(tags=["topic-2"])
    article.byline_set.create(author=AuthorFactory(), position=1)
    assert len(pages()) == 2
