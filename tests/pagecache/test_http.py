"""Who gets cached pages, conditional requests and headers for a CDN."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(headline="Talks resume in Geneva")


def test_staff_are_never_served_the_readers_copy(article, editor, commit):
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    staff = Client()
    staff.force_login(editor)
    response = staff.get(article.get_absolute_url())

    assert not response.has_header("X-Page-Cache")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_staff_pages_are_never_stored(article, editor):
    staff = Client()
    staff.force_login(editor)
    staff.get(reverse("articles:home"))

    assert Client().get(reverse("articles:home"))["X-Page-Cache"] == "miss"


def test_admin_and_unknown_pages_are_not_cached(client):
    for url in ["/admin/login/", "/no-such-page/"]:
        client.get(url)
        assert not client.get(url).has_header("X-Page-Cache"), url


def test_missing_article_is_not_cached(client):
    client.get("/articles/not-yet/")
    ArticleFactory(slug="not-yet")  # created without a commit hook on purpose
    assert client.get("/articles/not-yet/").status_code == 200


def test_if_none_match_gets_304_until_the_page_changes(client, article, commit):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    article.headline = "Talks collapse"
    commit(article.save)
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_if_modified_since_gets_304(client, article):
    url = article.get_absolute_url()
    last_modified = client.get(url)["Last-Modified"]

    response = client.get(url, headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_cdn_headers(client, article, settings):
    response = client.get(article.get_absolute_url())

    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=0" in cache_control
    assert "Cookie" in response["Vary"]


def test_cached_copy_keeps_the_security_headers(client, article):
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())

    assert second["X-Page-Cache"] == "hit"
    for header in ["X-Frame-Options", "Referrer-Policy", "Vary"]:
        assert second[header] == first[header]
    assert second.content == first.content


def test_head_request_uses_the_cache(client, article):
    client.get(article.get_absolute_url())
    assert client.head(article.get_absolute_url())["X-Page-Cache"] == "hit"


def test_page_cache_can_be_turned_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    # The middleware reads its settings once: build a fresh handler.
    fresh = Client()
    fresh.get(article.get_absolute_url())
    assert not fresh.get(article.get_absolute_url()).has_header("X-Page-Cache")


@pytest.mark.skipif(
    "locmem" not in settings.CACHES["default"]["BACKEND"],
    reason="moves the clock of the local-memory cache only",
)
def test_scheduled_article_appears_on_time_without_a_worker(client, monkeypatch):
    ArticleFactory(headline="Already out")
    ArticleFactory(
        headline="Embargoed story", published_at=timezone.now() + timedelta(hours=1)
    )
    home = reverse("articles:home")
    assert "Embargoed story" not in client.get(home).content.decode()
    assert client.get(home)["X-Page-Cache"] == "hit"

    later = timezone.now() + timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", later.timestamp)

    assert "Embargoed story" in client.get(home).content.decode()
    assert Article.objects.published().count() == 2


def test_cache_is_kept_long_when_nothing_is_scheduled(client):
    from pagecache import core

    ArticleFactory()
    client.get(reverse("articles:home"))
    token = core.versions([core.SITE])[0]

    assert cache.get(core.EXPIRY_KEY.format(token)) == 0


def test_unknown_query_parameters_bypass_the_cache(client, article):
    url = reverse("articles:home") + "?utm_source=x"
    client.get(url)
    assert not client.get(url).has_header("X-Page-Cache")
    client.get(reverse("articles:home") + "?page=1")
    assert client.get(reverse("articles:home") + "?page=1")["X-Page-Cache"] == "hit"
