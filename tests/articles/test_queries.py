"""The article page costs the same number of queries however rich it is."""

import pytest

from tests.budgets import article_page_queries
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    RelatedLinkFactory,
)

pytestmark = pytest.mark.django_db


def build_article(size):
    article = ArticleFactory(
        with_hero=True,
        tags=[f"topic {n}" for n in range(size)],
        authors=AuthorFactory.create_batch(size),
    )
    KeyTakeawayFactory.create_batch(size, article=article)
    for _ in range(size):
        RelatedLinkFactory(from_article=article, to_article=ArticleFactory())
    AnalysisBoxFactory(article=article, approved=True)
    return article


@pytest.fixture
def warm(client):
    """Process-wide caches (content types, navigation) filled once, as on any
    running server after its first request."""

    def warm_up(url):
        client.get(url)

    return warm_up


@pytest.mark.parametrize("size", [1, 3, 8])
def test_article_page_queries_do_not_grow(
    client, django_assert_num_queries, warm, size
):
    article = build_article(size)
    warm(article.get_absolute_url())

    with django_assert_num_queries(article_page_queries()):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<li>") >= size
