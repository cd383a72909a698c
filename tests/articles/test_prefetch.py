"""Listings load every article's authors with one query, in byline order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.prefetch import loaded
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def _with_bylines(count):
    articles = []
    for n in range(count):
        article = ArticleFactory()
        # Positions added out of order: the byline order, not the row order.
        for position in (3, 1, 2)[: n % 3 + 1]:
            author = AuthorFactory(name=f"Author {n}-{position}")
            article.byline_set.create(author=author, position=position)
        articles.append(article)
    return articles


@pytest.mark.parametrize("count", [1, 5, 9, 17])
def test_each_article_gets_its_own_authors_in_byline_order(count):
    created = _with_bylines(count)
    expected = {
        article.pk: [
            byline.author.name for byline in article.byline_set.order_by("position")
        ]
        for article in created
    }

    with CaptureQueriesContext(connection) as queries:
        listed = list(Article.objects.published().for_listing())
        authors = {
            article.pk: [author.name for author in article.authors.all()]
            for article in listed
        }

    assert authors == expected
    assert len(queries) == 2  # the articles, then every byline at once


def test_an_article_without_byline_has_no_authors():
    ArticleFactory()

    (listed,) = Article.objects.published().for_listing()

    assert list(listed.authors.all()) == []


def test_bylines_follow_the_queryset_through_slicing_and_filters():
    articles = _with_bylines(3)

    page = Article.objects.published().for_listing().filter(pk=articles[2].pk)[:1]

    with CaptureQueriesContext(connection) as queries:
        (found,) = page
        names = [author.name for author in found.authors.all()]
    assert names == ["Author 2-1", "Author 2-2", "Author 2-3"]
    assert len(queries) == 2


def test_values_queries_are_left_alone():
    ArticleFactory(headline="Plain values")

    rows = list(Article.objects.for_listing().values("headline"))

    assert rows == [{"headline": "Plain values"}]


def test_loaded_reads_what_was_loaded_and_nothing_else(django_assert_num_queries):
    first, second = AuthorFactory(name="Ada"), AuthorFactory(name="Bo")
    article = ArticleFactory(authors=[second, first])
    listed = Article.objects.for_listing().get(pk=article.pk)
    plain = Article.objects.get(pk=article.pk)

    with django_assert_num_queries(0):
        assert loaded(listed, "authors") == list(listed.authors.all())
        assert [author.name for author in loaded(listed, "authors")] == ["Bo", "Ada"]
        assert loaded(plain, "authors") is None
        assert loaded(listed, "tags") is None
