"""The archive by month: every published article is reachable, whatever its
age, through pages whose queries are bounded by a date range."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def at(year, month, day=15, hour=12):
    return datetime(year, month, day, hour, tzinfo=UTC)


def month_url(year, month):
    return reverse("articles:archive-month", args=[f"{year:04d}", f"{month:02d}"])


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def month_links(html):
    nav = html[html.index('class="archive-months"') :]
    return [
        part.split('"', 1)[0] for part in nav[: nav.index("</nav>")].split('href="')[1:]
    ]


class TestMonthNavigation:
    def test_lists_months_with_public_articles_newest_first(self, client):
        ArticleFactory(published_at=at(2024, 3))
        ArticleFactory(published_at=at(2024, 3, day=20))
        ArticleFactory(published_at=at(2025, 1))
        ArticleFactory(published_at=at(2023, 11))
        ArticleFactory(draft=True)
        ArticleFactory(scheduled=True)
        # Only a withdrawn story that month: no link to an empty page.
        ArticleFactory(
            published_at=at(2024, 6), status="draft", headline="Pulled story"
        )

        html = html_of(client, reverse("articles:archive"))

        assert month_links(html) == [
            month_url(2025, 1),
            month_url(2024, 3),
            month_url(2023, 11),
        ]
        assert '<nav class="archive-months" aria-labelledby=' in html
        assert html.index(">2025</h3>") < html.index(">2024</h3>")
        assert 'March<span class="visually-hidden"> 2024</span>' in html

    def test_months_follow_the_site_time_zone(self, client, settings):
        settings.TIME_ZONE = "Europe/Oslo"
        # 1 April in Oslo.
        ArticleFactory(headline="Late story", published_at=at(2024, 3, 31, hour=23))

        html = html_of(client, reverse("articles:archive"))

        assert month_links(html) == [month_url(2024, 4)]
        assert ">Late story</a>" in html_of(client, month_url(2024, 4))
        assert client.get(month_url(2024, 3)).status_code == 404

    def test_no_navigation_without_articles(self, client):
        html = html_of(client, reverse("articles:archive"))
        assert "archive-months" not in html
        assert "No articles have been published yet." in html


class TestMonthPage:
    def test_lists_only_that_months_published_articles_newest_first(self, client):
        ArticleFactory(headline="Early March", published_at=at(2024, 3, day=2))
        ArticleFactory(headline="Late March", published_at=at(2024, 3, day=30))
        ArticleFactory(headline="February", published_at=at(2024, 2, day=28))
        ArticleFactory(headline="April", published_at=at(2024, 4, day=1))
        ArticleFactory(
            headline="Unpublished", published_at=at(2024, 3, day=10), status="draft"
        )

        html = html_of(client, month_url(2024, 3))

        assert '<h1 class="page-title">Articles of March 2024</h1>' in html
        assert html.index("Late March") < html.index("Early March")
        for absent in ("February", "April", "Unpublished"):
            assert f">{absent}</a>" not in html
        assert html.count('class="archive-date"') == 2  # one heading per day
        canonical = (
            f'<link rel="canonical" href="http://testserver{month_url(2024, 3)}">'
        )
        assert canonical in html

    def test_links_to_the_nearest_months_with_articles(self, client):
        ArticleFactory(published_at=at(2023, 12))
        ArticleFactory(published_at=at(2024, 3))
        ArticleFactory(published_at=at(2024, 6))
        ArticleFactory(published_at=at(2024, 5), status="draft")

        middle = html_of(client, month_url(2024, 3))
        newest = html_of(client, month_url(2024, 6))
        oldest = html_of(client, month_url(2023, 12))

        assert f'href="{month_url(2024, 6)}">Newer: June 2024</a>' in middle
        assert f'href="{month_url(2023, 12)}">Older: December 2023</a>' in middle
        assert "Newer:" not in newest
        assert f'href="{month_url(2024, 3)}">Older: March 2024</a>' in newest
        assert "Older:" not in oldest
        assert '<nav class="month-nav" aria-label="Other months">' in oldest
        assert 'href="/archive/">All months</a>' in oldest

    def test_reaches_articles_beyond_the_listing_depth(self, client, settings):
        settings.ARTICLES_LISTING_LIMIT = 2
        ArticleFactory.create_batch(3)
        ArticleFactory(headline="From long ago", published_at=at(2009, 5))

        assert "From long ago" not in html_of(client, reverse("articles:archive"))
        assert "From long ago" in html_of(client, month_url(2009, 5))

    @pytest.mark.parametrize(
        "kind", ["empty", "draft only", "scheduled only", "future month"]
    )
    def test_month_without_public_articles_is_not_found(self, client, kind):
        ArticleFactory(published_at=at(2024, 3))
        soon = timezone.localtime() + timedelta(days=40)
        if kind == "draft only":
            ArticleFactory(published_at=at(2024, 5), status="draft")
        if kind == "scheduled only":
            ArticleFactory(published_at=soon)
        url = {
            "empty": month_url(2024, 4),
            "draft only": month_url(2024, 5),
            "scheduled only": month_url(soon.year, soon.month),
            "future month": month_url(2099, 1),
        }[kind]

        assert client.get(url).status_code == 404

    def test_next_link_never_points_at_a_scheduled_month(self, client):
        now = timezone.localtime()
        ArticleFactory(published_at=now - timedelta(days=70))
        ArticleFactory(published_at=now + timedelta(days=70))
        past = now - timedelta(days=70)

        html = html_of(client, month_url(past.year, past.month))

        assert "Newer:" not in html

    @pytest.mark.parametrize("value", ["abc", "0", "-1", "999", "1.5", ""])
    def test_bad_page_numbers_land_on_a_real_page(self, client, monkeypatch, value):
        from articles.views import ArchiveMonthView

        monkeypatch.setattr(ArchiveMonthView, "paginate_by", 2)
        for day in range(1, 6):
            ArticleFactory(headline=f"Day {day}", published_at=at(2024, 3, day=day))

        html = html_of(client, month_url(2024, 3), page=value)

        expected = "Page 1 of 3" if value in {"abc", "1.5", ""} else "Page 3 of 3"
        assert expected in html
        if expected == "Page 3 of 3":
            assert ">Day 1</a>" in html

    def test_second_page_and_its_canonical_address(self, client, monkeypatch):
        from articles.views import ArchiveMonthView

        monkeypatch.setattr(ArchiveMonthView, "paginate_by", 2)
        for day in range(1, 6):
            ArticleFactory(headline=f"Day {day}", published_at=at(2024, 3, day=day))

        html = html_of(client, month_url(2024, 3), page="2")

        assert ">Day 3</a>" in html and ">Day 5</a>" not in html
        assert f'href="http://testserver{month_url(2024, 3)}?page=2"' in html
        assert 'href="?page=1" rel="prev"' in html

    @pytest.mark.parametrize(
        "path",
        ["2024/3/", "24/03/", "2024/13/", "2024/00/", "0000/01/", "9999/12/"],
    )
    def test_malformed_or_impossible_months_are_not_found(self, client, path):
        ArticleFactory(published_at=at(2024, 3))
        assert client.get(f"/archive/{path}").status_code == 404

    @pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
    def test_first_and_last_representable_months(self, client, settings, zone):
        settings.TIME_ZONE = zone
        ArticleFactory(published_at=at(2024, 3))
        for path in ["0001/01/", "0001/02/", "9999/11/", "9999/12/"]:
            assert client.get(f"/archive/{path}").status_code == 404, path


class TestQueryCounts:
    # The section menu is cached after the first request.
    # Month page: articles exist?, next and previous months, count, page of
    # articles, their authors (no DISTINCT over the month's days).
    MONTH_QUERIES = 6
    # Archive: count, page of articles, their authors, months with articles.
    ARCHIVE_QUERIES = 4

    @pytest.mark.parametrize("extra", [0, 30])
    def test_constant_in_the_number_of_articles(
        self, client, extra, django_assert_num_queries
    ):
        for month in (2, 3, 4):
            ArticleFactory(published_at=at(2024, month), authors=[AuthorFactory()])
        for n in range(extra):
            ArticleFactory(
                published_at=at(2024 - n % 5, 1 + n % 12, day=1 + n % 28),
                authors=[AuthorFactory(), AuthorFactory()],
            )
        for url, queries in [
            (month_url(2024, 3), self.MONTH_QUERIES),
            (reverse("articles:archive"), self.ARCHIVE_QUERIES),
        ]:
            client.get(url)
            with django_assert_num_queries(queries):
                assert client.get(url).status_code == 200


class TestMonthList:
    def test_one_query_for_many_months_in_the_site_time_zone(
        self, settings, django_assert_num_queries
    ):
        from articles.models import Article

        settings.TIME_ZONE = "Europe/Oslo"
        ArticleFactory(published_at=at(2024, 3, 31, hour=21))  # 23:00 31 March
        ArticleFactory(published_at=at(2024, 3, 31, hour=23))  # 1 April in Oslo
        ArticleFactory(published_at=at(2023, 12, 1, hour=0))  # 1 December
        ArticleFactory(published_at=at(2023, 11, 30, hour=22))  # 23:00 30 Nov
        ArticleFactory(published_at=at(2020, 1))
        ArticleFactory(draft=True)
        ArticleFactory(scheduled=True)
        with django_assert_num_queries(1):
            months = Article.objects.published().archive_months()
        assert [f"{month:%Y-%m}" for month in months] == [
            "2024-04",
            "2024-03",
            "2023-12",
            "2023-11",
            "2020-01",
        ]
