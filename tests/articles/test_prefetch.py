"""Listings load every article's authors with one query, in byline order."""

import pickle
import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleTransition, Author
from articles.prefetch import load_bylines, load_page_relations, loaded
from tests.factories import ArticleFactory, AuthorFactory, KeyTakeawayFactory

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


# Across the lengths the IN list is padded to: 8, 16, 32, 48, then 64.
@pytest.mark.parametrize("count", [1, 5, 9, 17, 33, 49])
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


@pytest.mark.parametrize("count", [9, 33, 48])
def test_bylines_of_up_to_48_articles_take_at_most_50_parameters(count):
    """psycopg parses a statement with more than 50 parameters afresh on
    every call: the home page's 33 cards once asked with 64."""
    articles = ArticleFactory.create_batch(count)
    parameters = []

    def count_parameters(execute, sql, params, many, context):
        parameters.append(len(params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_parameters):
        load_bylines(articles)

    assert len(parameters) == 1
    assert count <= parameters[0] <= 50


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


def test_loaded_authors_can_be_queried_further_without_touching_another_card():
    articles = _with_bylines(3)
    listed = {a.pk: a for a in Article.objects.published().for_listing()}
    first, last = listed[articles[0].pk], listed[articles[2].pk]

    narrowed = last.authors.all().filter(name="Author 2-2")

    assert [author.name for author in narrowed] == ["Author 2-2"]
    assert [author.name for author in last.authors.all()] == [
        "Author 2-1",
        "Author 2-2",
        "Author 2-3",
    ]
    assert [author.name for author in first.authors.all()] == ["Author 0-3"]
    assert list(first.authors.all().filter(name="Author 2-2")) == []
    # Each card's further query is its own: one card's filter never lands in
    # another's (or in the next listing's).
    assert [a.name for a in first.authors.all().filter(name="Author 0-3")] == [
        "Author 0-3"
    ]
    again = Article.objects.published().for_listing().get(pk=articles[1].pk)
    assert again.authors.all().filter(name__startswith="Author 1").count() == 2


def test_reading_one_cards_query_leaves_the_others_and_the_next_listing_alone():
    articles = _with_bylines(2)
    listed = {a.pk: a for a in Article.objects.published().for_listing()}
    first, second = listed[articles[0].pk], listed[articles[1].pk]

    # The cards share one Query until one is read: reading it (as str() of a
    # queryset's query or a further filter does) gives that card its own.
    assert _keeps_to(first.authors.all(), articles[0])
    first.authors.all().query.clear_ordering(force=True)

    assert not _keeps_to(second.authors.all(), articles[0])
    assert _keeps_to(second.authors.all(), articles[1])
    assert list(second.authors.all().order_by("byline__position")) == list(
        second.authors.all()
    )
    again = Article.objects.published().for_listing().get(pk=articles[0].pk)
    assert "ORDER BY" in str(again.authors.all().query)
    assert not _keeps_to(again.authors.all(), articles[1])


def _keeps_to(queryset, article):
    return re.search(rf'"article_id" = {article.pk}\b', str(queryset.query))


def test_a_stored_queryset_pickles_as_its_plain_class_and_keeps_to_its_article():
    (article,) = _with_bylines(3)[2:]
    (listed,) = Article.objects.published().for_listing().filter(pk=article.pk)
    stored = listed.authors.all()

    restored = pickle.loads(pickle.dumps(stored))

    assert type(restored) is type(Author.objects.all())
    assert [a.name for a in restored] == ["Author 2-1", "Author 2-2", "Author 2-3"]
    narrowed = restored.filter(name__endswith="-2")
    assert [a.name for a in narrowed] == ["Author 2-2"]
    assert list(stored) == list(restored)


def test_a_byline_reads_name_and_address_without_more_queries(
    django_assert_num_queries,
):
    author = AuthorFactory(name="Ada", slug="ada", bio="Covers energy.")
    article = ArticleFactory(authors=[author])
    (listed,) = Article.objects.published().for_listing().filter(pk=article.pk)

    with django_assert_num_queries(0):
        (byline,) = listed.authors.all()
        assert (byline.name, byline.get_absolute_url()) == ("Ada", "/authors/ada/")
    # Whatever else of the author is read costs its own query, as deferred.
    with django_assert_num_queries(1):
        assert byline.bio == "Covers energy."


def test_an_article_pages_relations_filtered_further_keep_to_the_article():
    article = ArticleFactory(tags=["energy", "grid"])
    ArticleFactory(tags=["ports"])
    KeyTakeawayFactory(article=article, position=1, text="Ours.")
    KeyTakeawayFactory(article=ArticleFactory(), position=1, text="Theirs.")
    page = load_page_relations(Article.objects.get(pk=article.pk))

    assert sorted(page.tags.names()) == ["energy", "grid"]
    assert page.tags.order_by("name").first().name == "energy"
    assert not page.tags.filter(name="ports").exists()
    assert [t.text for t in page.takeaways.exclude(text="")] == ["Ours."]


def test_a_row_read_from_json_gets_the_database_types_back():
    # What page_relation_columns() reads on PostgreSQL is JSON, where a date
    # is text: it comes back as the datetime the database holds.
    from articles.prefetch import _json_fields, _json_reader

    transition = ArticleTransition.objects.create(
        article=ArticleFactory(), from_status="draft", to_status="review", note=""
    )
    stored = ArticleTransition.objects.get(pk=transition.pk)
    as_json = [
        value.isoformat() if isinstance(value, datetime) else value
        for value in (
            getattr(stored, field.attname)
            for field in _json_fields("articles.ArticleTransition")
        )
    ]

    read = _json_reader("articles.ArticleTransition")(stored._state.db, as_json)

    assert isinstance(read.at, datetime)
    assert read.at == stored.at
    assert read.by_id is None
    assert [
        getattr(read, f.attname) for f in ArticleTransition._meta.concrete_fields
    ] == [getattr(stored, f.attname) for f in ArticleTransition._meta.concrete_fields]


def test_a_field_that_converts_what_the_database_gives_is_not_read_from_json():
    from articles.prefetch import _json_fields

    # An image's renditions are decoded by their field.
    with pytest.raises(ValueError, match="renditions"):
        _json_fields("images.Image")
