"""Queries compiled once per process give what the ORM gives, for every call."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.compiled import CompiledQuery, Listing
from articles.models import Article, KeyTakeaway
from tests import markers
from tests.factories import (
    ArticleFactory,
    KeyTakeawayFactory,
)

pytestmark = pytest.mark.django_db


def _published_in_section(using, section_id, now, *, limit):
    return (
        Article.objects.using(using)
        .published(now)
        .filter(section=section_id)
        .select_related("section")
        .order_by("-published_at", "-pk")[:limit]
    )


def test_each_call_runs_the_same_sql_with_its_own_values():
    first, second = ArticleFactory(), ArticleFactory()
    build = mock.Mock(wraps=_published_in_section)
    query = CompiledQuery(build)
    now = timezone.now()

    found_first = query.fetch("default", first.section_id, now, limit=5)
    found_second = query.fetch("default", second.section_id, now, limit=5)

    assert found_first == [first]
    assert found_second == [second]
    assert build.call_count == 1
    # select_related objects come with the rows, as from the ORM.
    with CaptureQueriesContext(connection) as queries:
        assert found_second[0].section.name == second.section.name
    assert len(queries) == 0


def test_a_later_clock_shows_a_scheduled_article_at_its_time():
    scheduled = ArticleFactory(scheduled=True)
    query = CompiledQuery(_published_in_section)

    assert query.fetch("default", scheduled.section_id, timezone.now(), limit=5) == []
    later = scheduled.published_at + timedelta(seconds=1)
    assert query.fetch("default", scheduled.section_id, later, limit=5) == [scheduled]


def test_static_arguments_are_part_of_the_key():
    section_articles = ArticleFactory.create_batch(3)
    section = section_articles[0].section
    for article in section_articles[1:]:
        article.section = section
        article.save()
    build = mock.Mock(wraps=_published_in_section)
    query = CompiledQuery(build)
    now = timezone.now()

    assert len(query.fetch("default", section.pk, now, limit=1)) == 1
    assert len(query.fetch("default", section.pk, now, limit=3)) == 3
    assert build.call_count == 2


def test_tuples_compile_once_per_length():
    articles = ArticleFactory.create_batch(3)
    build = mock.Mock(
        wraps=lambda using, pks: (
            Article.objects.using(using).filter(pk__in=pks).order_by("pk")
        )
    )
    query = CompiledQuery(build)

    assert query.fetch("default", (articles[0].pk,)) == [articles[0]]
    assert query.fetch("default", (articles[1].pk, articles[2].pk)) == articles[1:]
    assert query.fetch("default", (articles[2].pk,)) == [articles[2]]
    assert build.call_count == 2


def test_a_value_written_into_the_sql_text_is_refused():
    # Slice bounds are not parameters: compiled, the placeholder would stay.
    query = CompiledQuery(lambda using, limit: Article.objects.using(using)[:limit])

    with pytest.raises(ValueError, match="written into the SQL text"):
        query.fetch("default", 5)


def test_annotations_reach_the_instances():
    from django.db.models import Count

    article = ArticleFactory()
    KeyTakeawayFactory.create_batch(2, article=article)
    query = CompiledQuery(
        lambda using, pk: (
            Article.objects.using(using)
            .filter(pk=pk)
            .annotate(takeaway_count=Count("takeaways"))
        )
    )

    (found,) = query.fetch("default", article.pk)

    assert found.takeaway_count == 2


def test_a_shape_that_can_match_nothing_returns_no_rows():
    ArticleFactory()
    query = CompiledQuery(
        lambda using, pks: Article.objects.using(using).filter(pk__in=pks)
    )

    assert query.fetch("default", ()) == []


def _newest(using, now):
    return Article.objects.using(using).published(now).newest_first()


def test_a_listing_pages_like_the_orm_with_one_compiled_query():
    ArticleFactory.create_batch(7)
    ArticleFactory(draft=True)
    build = mock.Mock(wraps=_newest)
    listing = Listing(CompiledQuery(build), "default", timezone.now(), cap=5)
    expected = list(Article.objects.published().newest_first()[:5])

    assert listing.count() == 5
    assert listing[0:2] == expected[0:2]
    assert listing[2:4] == expected[2:4]
    # The cap ends the last page early, as the ORM's [:cap] would.
    assert listing[4:6] == expected[4:5]
    assert listing[6:8] == []
    # One compile for the rows of every page, one for the count.
    assert build.call_count == 2


def test_a_listing_count_without_cap_counts_every_row():
    ArticleFactory.create_batch(3)
    listing = Listing(CompiledQuery(_newest), "default", timezone.now())

    assert listing.count() == 3


def test_paginator_pages_a_listing():
    from django.core.paginator import Paginator

    ArticleFactory.create_batch(5)
    listing = Listing(CompiledQuery(_newest), "default", timezone.now(), cap=4)
    expected = list(Article.objects.published().newest_first()[:4])

    paginator = Paginator(listing, 3)

    assert paginator.num_pages == 2
    assert list(paginator.get_page(2)) == expected[3:4]
    assert list(paginator.get_page("junk")) == expected[:3]


def test_a_window_of_a_sliced_query_is_refused():
    ArticleFactory()
    query = CompiledQuery(lambda using: Article.objects.using(using)[:3])

    with pytest.raises(ValueError, match="window of a sliced query"):
        query.fetch("default", window=(0, 2))


def test_logged_and_unlogged_runs_give_the_same_instances(django_assert_num_queries):
    # On SQLite an unlogged run skips Django's cursor (see compiled._rows);
    # a logged one, as a query count takes, goes through it.
    article = ArticleFactory()
    query = CompiledQuery(_published_in_section)
    now = timezone.now()

    unlogged = query.fetch("default", article.section_id, now, limit=5)
    with django_assert_num_queries(1):
        logged = query.fetch("default", article.section_id, now, limit=5)

    assert unlogged == logged == [article]
    assert unlogged[0].__dict__.keys() == logged[0].__dict__.keys()
    assert unlogged[0].section.name == logged[0].section.name
    assert not unlogged[0]._state.adding
    assert unlogged[0]._state.db == "default"


def test_a_broken_transaction_refuses_the_query_as_the_orm_does():
    from django.db import DatabaseError, transaction
    from django.db.transaction import TransactionManagementError

    article = ArticleFactory()
    query = CompiledQuery(_published_in_section)
    with transaction.atomic():
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(savepoint=False),
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT * FROM no_such_table")
        with pytest.raises(TransactionManagementError):
            query.fetch("default", article.section_id, timezone.now(), limit=5)
        transaction.set_rollback(True)


def test_a_database_error_comes_as_djangos_own():
    from django.db import DatabaseError

    query = CompiledQuery(
        lambda using, pk: Article.objects.using(using).extra(
            where=["no_such_column = %s"], params=[pk]
        )
    )
    # Django's class (the driver's errors are not its subclasses).
    with pytest.raises(DatabaseError):
        query.fetch("default", 1)


needs_postgresql = markers.needs_postgresql("PostgreSQL's plan cache")


def _plan_cache_mode():
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


@needs_postgresql
def test_a_generic_plan_query_gives_the_same_rows_and_leaves_the_setting_as_it_was():
    article = ArticleFactory()
    generic = CompiledQuery(_published_in_section, generic_plan=True)
    plain = CompiledQuery(_published_in_section)
    before = _plan_cache_mode()
    now = timezone.now()

    # Past psycopg's prepare threshold, so that the prepared statement runs.
    for _ in range(4):
        found = generic.fetch("default", article.section_id, now, limit=5)
        assert found == plain.fetch("default", article.section_id, now, limit=5)
        assert _plan_cache_mode() == before
    assert found == [article]


@needs_postgresql
def test_a_failing_generic_plan_query_still_resets_the_setting():
    from django.db import DatabaseError

    before = _plan_cache_mode()
    # A value the driver cannot send fails after the setting was queued and
    # before its reset was (a failure on the server is followed by the
    # queued reset, or ends the transaction that made the setting).
    failing = CompiledQuery(
        lambda using, pk: Article.objects.using(using).extra(
            where=["id = %s OR id = %s"], params=[pk, object()]
        ),
        generic_plan=True,
    )
    with pytest.raises(DatabaseError):
        failing.fetch("default", 1)
    assert _plan_cache_mode() == before


def _takeaways_of(using, article_pk):
    return KeyTakeaway.objects.using(using).filter(article=article_pk).order_by("pk")


def _articles_among(using, pks):
    return Article.objects.using(using).filter(pk__in=pks).order_by("pk")


def test_queries_fetched_together_give_what_each_gives_alone(
    django_assert_num_queries,
):
    from articles.compiled import fetch_together

    first, second = ArticleFactory(), ArticleFactory()
    KeyTakeawayFactory(article=first, text="One")
    KeyTakeawayFactory(article=first, text="Two")
    takeaways = CompiledQuery(_takeaways_of)
    among = CompiledQuery(_articles_among)

    # Each query is still counted (on PostgreSQL they share a round trip);
    # the empty IN list needs no query at all.
    with django_assert_num_queries(3):
        together = fetch_together(
            "default",
            (takeaways, (first.pk,)),
            (among, ((first.pk, second.pk),)),
            (among, ((),)),
            (takeaways, (second.pk,)),
        )

    assert together == [
        takeaways.fetch("default", first.pk),
        among.fetch("default", (first.pk, second.pk)),
        [],
        [],
    ]
    assert [t.text for t in together[0]] == ["One", "Two"]
    assert together[1] == [first, second]


def _with_hero(using, pk):
    return Article.objects.using(using).filter(pk=pk).select_related("hero_image")


def test_instances_built_without_init_run_the_models_after_init():
    # images.Image remembers its saved file and focal point after __init__
    # (newsroom.model_hooks.AfterInit): a compiled query's instances too.
    article = ArticleFactory(with_hero=True)
    (compiled,) = CompiledQuery(_with_hero).fetch("default", article.pk)
    plain = Article.objects.select_related("hero_image").get(pk=article.pk)

    image, expected = compiled.hero_image, plain.hero_image
    assert image == expected
    assert image._saved_file == expected._saved_file == str(expected.file)
    assert image._saved_focal == expected._saved_focal
    assert image.stale_file_names == []
    assert image.__dict__.keys() == expected.__dict__.keys()
