"""Hostile values in every public path and query parameter: a normal page, a
400 or a 404, never a server error."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "x" * 100_000,
    "\x00",
    "a\x00b",
    "%00",
    "-1",
    "0",
    "-99999999999999999999999",
    "99999999999999999999999999999999",
    "1e308",
    "NaN",
    "inf",
    "1.5",
    "0x10",
    "\u202e\u200b\ufeff",  # right-to-left override, zero width, BOM
    "\ud800",  # a lone surrogate
    "e\u0301\u0338",  # combining marks
    "\U0001f4a5" * 1000,
    "ﬁ",  # folds to "fi"
    "İ",  # changes length when lower-cased
    "../../etc/passwd",
    "%2e%2e%2f",
    "'; DROP TABLE articles_article; --",
    '"><svg onload=alert(1)>',
    "{{ 7*7 }}",
    "page[]=1",
    " ",
    "",
]

# The slug of a real object goes first so the page is a normal one.
PATH_TEMPLATES = [
    "/articles/{}/",
    "/sections/{}/",
    "/sections/{}/rss/",
    "/sections/{}/atom/",
    "/topics/{}/",
    "/topics/{}/rss/",
    "/topics/{}/atom/",
    "/authors/{}/",
    "/authors/{}/rss/",
    "/authors/{}/atom/",
    "/archive/{}/",
    "/archive/{}/01/",
    "/archive/2024/{}/",
    "/sitemap-{}.xml",
    "/media/{}",
    "/static/{}",
    "/{}",
]


def month_page(article):
    local = timezone.localtime(article.published_at)
    return reverse("articles:archive-month", args=[f"{local:%Y}", f"{local:%m}"])


def encode(value):
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@pytest.fixture
def site():
    article = ArticleFactory(tags=["diplomacy"], authors=[AuthorFactory(slug="mara")])
    return {
        "list_pages": [
            "/",
            "/archive/",
            "/search/?q=talks",
            article.section.get_absolute_url(),
            "/topics/diplomacy/",
            "/authors/mara/",
            month_page(article),
        ],
        "article": article.get_absolute_url(),
    }


def assert_not_broken(response, url):
    assert response.status_code in {200, 400, 404}, (url[:200], response.status_code)


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_page_parameter(client, site, value):
    for page in site["list_pages"]:
        url = f"{page}{'&' if '?' in page else '?'}page={encode(value)}"
        response = client.get(url)
        assert_not_broken(response, url)
        if response.status_code == 200:
            assert b"resume in round" in response.content


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_other_query_parameters_are_ignored_or_refused(client, site, value):
    for page in [*site["list_pages"], site["article"]]:
        query = f"q={encode(value)}&tag={encode(value)}&{encode(value)}=1"
        url = f"{page}{'&' if '?' in page else '?'}{query}"
        assert_not_broken(client.get(url), url)


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize("template", PATH_TEMPLATES)
def test_paths(client, site, template, value):
    url = template.format(encode(value))
    assert_not_broken(client.get(url), url)


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_search_query(client, site, value):
    url = f"/search/?q={encode(value)}"
    assert_not_broken(client.get(url), url)


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_sitemap_page_parameter(client, site, value):
    url = f"/sitemap-articles.xml?p={encode(value)}"
    assert_not_broken(client.get(url), url)


def test_repeated_page_parameters(client, site):
    url = "/?page=1&page=2&page=" + "9" * 500
    assert_not_broken(client.get(url), url)
