"""Pages cost a fixed number of queries, whatever they show.

Measured with the page cache off (the cost of rendering), after one warm-up
request that fills the section menu and ContentType caches.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Article
from tests.budgets import article_page_queries
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    RelatedLinkFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

LISTING_QUERIES = 3  # count, page of articles, their authors


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def section():
    return SectionFactory(slug="world")


def rich_article(section, size, index=0):
    authors = [AuthorFactory() for _ in range(size)]
    article = ArticleFactory(
        section=section,
        slug=f"rich-{size}-{index}",
        with_hero=True,
        tags=[f"topic-{n}" for n in range(size)] + ["shared"],
        authors=authors,
    )
    for position in range(size):
        KeyTakeawayFactory(article=article, position=position)
        RelatedLinkFactory(
            from_article=article,
            to_article=ArticleFactory(section=section),
            position=position,
        )
    AnalysisBoxFactory(article=article, approved=True)
    return article


def warm(client, url):
    ContentType.objects.get_for_model(Article)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_article_page_budget(client, section, size, django_assert_num_queries):
    article = rich_article(section, size)
    warm(client, article.get_absolute_url())

    with django_assert_num_queries(article_page_queries()):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


def listing_urls(section):
    author = AuthorFactory(slug="many")
    for index in range(3):
        rich_article(section, 2, index=index).authors.add(
            author, through_defaults={"position": 9}
        )
    return [
        reverse("articles:archive"),
        section.get_absolute_url(),
        reverse("articles:tag", args=["shared"]),
        author.get_absolute_url(),
    ]


@pytest.mark.parametrize("extra", [0, 25])
def test_listing_budget_does_not_grow_with_the_articles(
    client, section, extra, django_assert_num_queries
):
    urls = listing_urls(section)
    for _ in range(extra):
        ArticleFactory(section=section, tags=["shared"])
    for url in urls:
        warm(client, url)
        # The archive adds its months, topic and author pages their own
        # object's lookup; a section page finds its section in the
        # navigation's list.
        expected = LISTING_QUERIES + (url != section.get_absolute_url())
        with django_assert_num_queries(expected):
            client.get(url)


def test_a_section_missing_from_the_kept_navigation_is_still_found(client, section):
    from articles.models import Section

    warm(client, section.get_absolute_url())
    # bulk_create() sends no signal: the kept menu does not know this one.
    Section.objects.bulk_create([Section(name="Late", slug="late", position=99)])
    ArticleFactory(section=Section.objects.get(slug="late"), headline="Late news")

    assert "Late news" in client.get("/sections/late/").content.decode()
    assert client.get("/sections/never-made/").status_code == 404


def test_listings_stop_at_the_configured_depth(client, section, settings, monkeypatch):
    from articles.views import ArchiveView

    settings.ARTICLES_LISTING_LIMIT = 4
    monkeypatch.setattr(ArchiveView, "paginate_by", 2)
    ArticleFactory.create_batch(6, section=section)

    page = client.get(reverse("articles:archive"), {"page": 9}).content.decode()

    assert "Page 2 of 2" in page
