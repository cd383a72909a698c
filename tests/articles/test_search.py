import re

import pytest
from django.db import connection
from django.urls import reverse

from articles.search import MAX_QUERY_LENGTH, uses_full_text_search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    not uses_full_text_search(),
    reason="needs PostgreSQL full-text search: set DATABASE_URL to PostgreSQL",
)
sqlite_only = pytest.mark.skipif(
    uses_full_text_search(), reason="the substring fallback runs on SQLite only"
)


def search(client, **params):
    response = client.get(reverse("articles:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def result_headlines(html):
    return [
        re.sub(r"<[^>]+>", "", headline)
        for headline in re.findall(
            r'<h2 class="card-headline"><a [^>]*>(.*?)</a></h2>', html, re.S
        )
    ]


class TestSearchResults:
    def test_finds_words_in_headline_dek_and_body(self, client):
        ArticleFactory(headline="Grain exports resume", body="<p>Ships left.</p>")
        ArticleFactory(headline="Quiet week", dek="Grain prices fell on Monday.")
        ArticleFactory(headline="Port report", body="<p>The grain silos are full.</p>")
        ArticleFactory(headline="Unrelated", dek="Nothing here.", body="<p>No.</p>")

        headlines = result_headlines(search(client, q="grain"))
        assert sorted(headlines) == [
            "Grain exports resume",
            "Port report",
            "Quiet week",
        ]

    def test_headline_ranks_above_dek_above_body(self, client):
        ArticleFactory(
            headline="Port report", body="<p>Sanctions bite at the port.</p>"
        )
        ArticleFactory(headline="Sanctions widen", body="<p>Officials spoke.</p>")
        ArticleFactory(headline="Quiet week", dek="New sanctions were discussed.")

        headlines = result_headlines(search(client, q="sanctions"))
        assert headlines == ["Sanctions widen", "Quiet week", "Port report"]

    def test_only_published_articles(self, client):
        ArticleFactory(headline="Drought deepens")
        ArticleFactory(headline="Drought draft", draft=True)
        ArticleFactory(headline="Drought tomorrow", scheduled=True)
        assert result_headlines(search(client, q="drought")) == ["Drought deepens"]

    def test_matches_are_marked(self, client):
        ArticleFactory(
            headline="Ceasefire holds",
            dek="The ceasefire entered its second week.",
            body="<p>Monitors said the <em>ceasefire</em> line was calm.</p>",
        )
        html = search(client, q="ceasefire")
        assert "<mark>Ceasefire</mark> holds" in html
        assert "The <mark>ceasefire</mark> entered" in html
        snippet = re.search(r'<p class="search-snippet">(.*?)</p>', html, re.S).group(1)
        assert "<mark>ceasefire</mark>" in snippet
        # The body's own markup never reaches the snippet.
        assert "<em>" not in snippet and "&lt;em&gt;" not in snippet

    def test_author_markup_is_escaped_around_the_marks(self, client):
        ArticleFactory(
            headline="<img src=x onerror=alert(1)> Tariffs rise",
            dek='Tariffs "<script>alert(2)</script>"',
        )
        html = search(client, q="tariffs")
        assert "<img src=x" not in html
        assert "<script>alert(2)" not in html
        assert "&lt;img src=x onerror=alert(1)&gt; <mark>Tariffs</mark> rise" in html

    def test_the_query_itself_is_escaped(self, client):
        html = search(client, q='<script>alert("q")</script>')
        assert '<script>alert("q")' not in html
        assert "&lt;script&gt;" in html

    @pytest.mark.parametrize(
        "query", ['"', "' & | ! :* ( )", "%", "_", "\\", "the", "-", "or or"]
    )
    def test_odd_queries_never_error(self, client, query):
        ArticleFactory(headline="100% of the grain_silo")
        html = search(client, q=query)
        assert "<mark>" not in html or result_headlines(html)

    def test_wildcard_characters_are_literal(self, client):
        ArticleFactory(headline="Plain headline")
        assert result_headlines(search(client, q="%")) == []

    def test_no_results_state(self, client):
        ArticleFactory(headline="Elections called")
        html = search(client, q="volcano")
        assert "No articles match “volcano”. Try fewer or different words." in html
        assert result_headlines(html) == []

    def test_empty_query_asks_for_words(self, client):
        ArticleFactory(headline="Elections called")
        for params in ({}, {"q": ""}, {"q": "   "}):
            html = search(client, **params)
            assert "Type a word or a phrase" in html
            assert result_headlines(html) == []

    def test_count_is_stated(self, client):
        ArticleFactory.create_batch(3, headline="Budget vote")
        assert "3 articles match “budget”." in search(client, q="budget")

    def test_results_paginate_and_keep_the_query(self, client, monkeypatch):
        from articles.views import SearchView

        monkeypatch.setattr(SearchView, "paginate_by", 2)
        ArticleFactory.create_batch(5, headline="Harvest outlook")
        first = search(client, q="harvest")
        assert 'href="?q=harvest&amp;page=2"' in first
        third = search(client, q="harvest", page="3")
        assert len(result_headlines(third)) == 1 and "Page 3 of 3" in third
        assert '<ol class="search-results" start="5">' in third

    @pytest.mark.parametrize("page_number", ["0", "-3", "abc", "99999", ""])
    def test_bad_page_numbers_do_not_error(self, client, page_number):
        ArticleFactory(headline="Harvest outlook")
        assert result_headlines(search(client, q="harvest", page=page_number))

    def test_query_count_does_not_grow_with_results(
        self, client, django_assert_num_queries
    ):
        ArticleFactory(headline="Budget vote")
        search(client, q="budget")
        # count, the page of results, their authors
        with django_assert_num_queries(3):
            search(client, q="budget")
        ArticleFactory.create_batch(6, headline="Budget talks", section__slug="economy")
        search(client, q="budget")
        with django_assert_num_queries(3):
            search(client, q="budget")


class TestQueryLength:
    def test_over_the_cap_is_refused_with_a_clear_message(
        self, client, django_assert_num_queries
    ):
        ArticleFactory(headline="Budget vote")
        search(client, q="x")  # caches the menu
        with django_assert_num_queries(0):
            html = search(client, q="budget " + "b" * MAX_QUERY_LENGTH)
        assert "Your search is too long. Use at most 1000 characters" in html
        assert 'role="alert"' in html and 'aria-invalid="true"' in html
        assert result_headlines(html) == []

    def test_exactly_at_the_cap_is_searched(self, client):
        ArticleFactory(headline="Budget vote")
        query = "budget" + " " * (MAX_QUERY_LENGTH - 12) + "budget"
        assert len(query) == MAX_QUERY_LENGTH
        assert result_headlines(search(client, q=query)) == ["Budget vote"]

    def test_search_pages_are_not_indexed(self, client):
        assert '<meta name="robots" content="noindex">' in search(client, q="x")


@postgres_only
class TestFullTextSearch:
    def test_matches_word_forms(self, client):
        ArticleFactory(headline="Negotiators meet", dek="Talks went on.")
        assert result_headlines(search(client, q="negotiator")) == ["Negotiators meet"]

    def test_web_search_syntax(self, client):
        ArticleFactory(headline="Oil prices climb", dek="Gas is steady.")
        ArticleFactory(headline="Gas prices climb", dek="Oil is steady.")
        assert result_headlines(search(client, q="prices -oil")) == []
        assert result_headlines(search(client, q='"oil prices"')) == [
            "Oil prices climb"
        ]

    def test_html_tags_in_the_body_are_not_words(self, client):
        ArticleFactory(headline="Plain", body="<p><strong>Ports</strong> reopen.</p>")
        assert result_headlines(search(client, q="strong")) == []

    def test_stored_vector_is_indexed_and_serves_the_query(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes "
                "WHERE indexname = 'article_search_document'"
            )
            (definition,) = cursor.fetchone()
        assert "USING gin (search_document)" in definition

        from django.contrib.postgres.search import SearchQuery

        from articles.models import Article
        from articles.search import SEARCH_CONFIG, search_document

        ArticleFactory.create_batch(3)
        matches = Article.objects.annotate(search=search_document()).filter(
            search=SearchQuery("talks", config=SEARCH_CONFIG)
        )
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            try:
                plan = matches.explain()
            finally:
                cursor.execute("SET enable_seqscan = on")
        assert "article_search_document" in plan

    def test_stored_vector_equals_the_search_vector(self):
        from articles.models import Article
        from articles.search import search_document, search_vector

        ArticleFactory(headline="Ports reopen", dek="Ships left.", body="<p>Grain.</p>")
        row = Article.objects.annotate(
            stored=search_document(), computed=search_vector()
        ).values("stored", "computed")[0]
        assert row["stored"] == row["computed"]

    def test_edits_reach_the_stored_vector(self, client):
        article = ArticleFactory(headline="Turbine order signed")
        article.headline = "Reactor order signed"
        article.save()
        assert result_headlines(search(client, q="turbine")) == []
        assert result_headlines(search(client, q="reactor")) == ["Reactor order signed"]


@sqlite_only
class TestSubstringFallback:
    def test_every_word_must_match_somewhere(self, client):
        ArticleFactory(headline="Grain exports", dek="Ships left the port.")
        ArticleFactory(headline="Grain prices", dek="Markets were calm.")
        assert result_headlines(search(client, q="grain port")) == ["Grain exports"]

    def test_matches_inside_words_case_insensitively(self, client):
        ArticleFactory(headline="Renegotiation stalls")
        html = search(client, q="NEGOTIAT")
        assert result_headlines(html) == ["Renegotiation stalls"]
        assert "Re<mark>negotiat</mark>ion stalls" in html

    def test_snippet_shows_the_body_around_the_match(self, client):
        body = "<p>" + "Filler words here. " * 40 + "The turbine order was signed.</p>"
        ArticleFactory(headline="Energy deal", body=body)
        html = search(client, q="turbine")
        snippet = re.search(r'<p class="search-snippet">(.*?)</p>', html, re.S).group(1)
        assert snippet.startswith("… ")
        assert "<mark>turbine</mark> order was signed." in snippet


class TestBoundedCost:
    def test_only_the_newest_candidates_are_ranked(self, client, monkeypatch):
        from articles import search as search_module

        monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 2)
        ArticleFactory(headline="Harvest one", published_at=at_days_ago(3))
        ArticleFactory(headline="Harvest two", published_at=at_days_ago(2))
        ArticleFactory(headline="Harvest three", published_at=at_days_ago(1))
        html = search(client, q="harvest")
        assert sorted(result_headlines(html)) == ["Harvest three", "Harvest two"]
        # The reader is told the list stops there, not that it is complete.
        assert "At least 2 articles match “harvest”" in html
        assert "Add words to narrow the search." in html

    def test_under_the_cap_the_count_is_exact(self, client, monkeypatch):
        from articles import search as search_module

        monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 3)
        ArticleFactory(headline="Harvest one")
        ArticleFactory(headline="Harvest two")
        html = search(client, q="harvest")
        assert "2 articles match “harvest”." in html
        assert "At least" not in html

    def test_unpublished_articles_never_take_a_candidate_place(
        self, client, monkeypatch
    ):
        from articles import search as search_module

        monkeypatch.setattr(search_module, "SEARCH_CANDIDATES", 1)
        ArticleFactory(headline="Drought deepens", published_at=at_days_ago(2))
        ArticleFactory(headline="Drought draft", draft=True)
        ArticleFactory(headline="Drought tomorrow", scheduled=True)
        assert result_headlines(search(client, q="drought")) == ["Drought deepens"]

    def test_short_and_long_words_together(self, client):
        ArticleFactory(headline="EU grain deal", dek="Ports reopen.")
        ArticleFactory(headline="Grain prices", dek="Markets were calm.")
        assert result_headlines(search(client, q="eu grain")) == ["EU grain deal"]


def at_days_ago(days):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=days)


@sqlite_only
class TestSQLiteIndex:
    def test_the_index_exists(self):
        from articles import fts

        assert fts.available(connection)

    def test_follows_edits_and_deletes(self, client):
        article = ArticleFactory(headline="Turbine order signed")
        assert result_headlines(search(client, q="turbine")) == ["Turbine order signed"]
        article.headline = "Reactor order signed"
        article.save()
        assert result_headlines(search(client, q="turbine")) == []
        assert result_headlines(search(client, q="reactor")) == ["Reactor order signed"]
        article.delete()
        assert result_headlines(search(client, q="reactor")) == []

    def test_restores_triggers_dropped_by_a_table_rebuild(self, client):
        from articles import fts

        ArticleFactory(headline="Pipeline deal")
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {fts.TABLE}_insert")
        ArticleFactory(headline="Pipeline leak")
        fts.install(connection)
        assert sorted(result_headlines(search(client, q="pipeline"))) == [
            "Pipeline deal",
            "Pipeline leak",
        ]


@sqlite_only
def test_short_words_alone_search_the_newest_articles_only(client, monkeypatch):
    from articles import search as search_module

    monkeypatch.setattr(search_module, "SHORT_WORDS_WINDOW", 2)
    ArticleFactory(headline="EU summit", published_at=at_days_ago(3))
    ArticleFactory(headline="EU budget", published_at=at_days_ago(2))
    ArticleFactory(headline="Grain", published_at=at_days_ago(1))
    assert result_headlines(search(client, q="eu")) == ["EU budget"]
    # With a longer word the index reaches every article.
    assert result_headlines(search(client, q="eu summit")) == ["EU summit"]
