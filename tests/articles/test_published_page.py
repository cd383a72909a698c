"""Article.objects.published_page(): everything an article page shows, found
in five queries (on PostgreSQL in two, sent in one round trip)."""

import contextlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from articles.models import Article, Author, KeyTakeaway
from tests import markers
from tests.budgets import article_page_queries
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    RelatedLinkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def fields_of(instances):
    """Every field's value, not just the keys that model equality compares."""
    return [
        {field.attname: getattr(obj, field.attname) for field in obj._meta.fields}
        for obj in instances
    ]


def test_the_page_matches_the_orm_with_its_relations_and_related_articles(
    django_assert_num_queries,
):
    author_b = AuthorFactory(photo="authors/b.jpg", user=UserFactory())
    author_a = AuthorFactory(bio="")
    article = ArticleFactory(tags=["energy", "ports", "africa"])
    article.byline_set.create(author=author_b, position=2)
    article.byline_set.create(author=author_a, position=1)
    # What JSON escapes (PostgreSQL reads the relations as JSON) comes back.
    second = 'Second: "quoted", back\\slash, ünïcode — 🚢'
    KeyTakeawayFactory(article=article, position=2, text=second)
    KeyTakeawayFactory(article=article, position=1, text="First")
    AnalysisBoxFactory(article=article, approved=True)
    sharing = ArticleFactory(tags=["energy"])  # its rows stay out of the page's
    sharing.byline_set.create(author=AuthorFactory(), position=1)
    KeyTakeawayFactory(article=sharing, text="Not this article's")
    pinned = ArticleFactory()
    RelatedLinkFactory(from_article=article, to_article=pinned)

    with django_assert_num_queries(article_page_queries()):
        page = Article.objects.published_page(article.slug, related_limit=3)

    expected = Article.objects.for_page().get(pk=article.pk)
    assert page.article == expected
    assert page.article.section == expected.section
    assert page.article.analysis_box == expected.analysis_box
    assert page.article.hero_image == expected.hero_image
    with CaptureQueriesContext(connection) as queries:
        authors = list(page.article.authors.all())
        tags = [tag.name for tag in page.article.tags.all()]
        takeaways = list(page.article.takeaways.all())
    assert len(queries) == 0
    assert authors == [author_a, author_b]
    assert fields_of(authors) == fields_of(
        Author.objects.get(pk=author.pk) for author in (author_a, author_b)
    )
    assert tags == ["energy", "ports", "africa"]
    assert fields_of(page.article.tags.all()) == fields_of(
        Tag.objects.get(name=name) for name in tags
    )
    assert [t.text for t in takeaways] == ["First", second]
    assert fields_of(takeaways) == fields_of(
        KeyTakeaway.objects.filter(article=article)
    )
    assert page.related == list(Article.objects.related_to(expected, limit=3))
    assert page.related[:2] == [pinned, sharing]


def test_an_article_with_nothing_around_it_gets_empty_lists():
    article = ArticleFactory()

    page = Article.objects.published_page(article.slug, related_limit=5)

    assert page.article == article
    assert list(page.article.authors.all()) == []
    assert list(page.article.tags.all()) == []
    assert list(page.article.takeaways.all()) == []
    assert page.related == []


def test_only_a_published_article_has_a_page():
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    # Rows of their own, which the page's other queries find by the slug.
    for article in (draft, scheduled):
        KeyTakeawayFactory(article=article)
        RelatedLinkFactory(from_article=article, to_article=ArticleFactory())

    assert Article.objects.published_page(draft.slug, related_limit=5) is None
    assert Article.objects.published_page(scheduled.slug, related_limit=5) is None
    assert Article.objects.published_page("no-such-article", related_limit=5) is None


@markers.needs_postgresql("PostgreSQL's pipeline")
def test_postgresql_gets_the_whole_page_in_one_pipeline():
    article = ArticleFactory(tags=["energy"])
    ArticleFactory(tags=["energy"])
    connection.ensure_connection()
    raw = connection.connection
    original = raw.pipeline
    pipelines, inside, outside = [], [], []

    @contextlib.contextmanager
    def recorded_pipeline():
        pipelines.append([])
        inside.append(pipelines[-1])
        try:
            with original() as pipeline:
                yield pipeline
        finally:
            inside.pop()

    def record(execute, sql, params, many, context):
        (inside[-1] if inside else outside).append(sql)
        return execute(sql, params, many, context)

    raw.pipeline = recorded_pipeline
    try:
        with connection.execute_wrapper(record):
            page = Article.objects.published_page(article.slug, related_limit=5)
    finally:
        del raw.pipeline

    assert len(page.related) == 1
    assert outside == []
    # The article with its relations, and its related articles.
    assert [len(statements) for statements in pipelines] == [2]
