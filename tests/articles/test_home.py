from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def page(client, name="articles:home", **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


class TestHomePage:
    def test_newest_story_leads_with_its_picture_loaded_eagerly(self, client):
        ArticleFactory(headline="Yesterday", published_at=hours_ago(20))
        lead = ArticleFactory(
            headline="Just in", published_at=hours_ago(1), with_hero=True
        )

        html = page(client)
        lead_block = html[html.index('class="lead-story"') : html.index("</article>")]
        assert lead.headline in lead_block
        assert 'fetchpriority="high"' in lead_block
        assert 'loading="lazy"' not in lead_block
        assert f'width="{lead.hero.width}" height="{lead.hero.height}"' in lead_block

    def test_lists_the_latest_of_each_section_without_the_lead(self, client, settings):
        economy = SectionFactory(name="Economy", slug="economy", position=1)
        security = SectionFactory(name="Security", slug="security", position=2)
        lead = ArticleFactory(
            section=economy, headline="Lead story", published_at=hours_ago(1)
        )
        for n in range(6):
            ArticleFactory(
                section=economy, headline=f"Economy {n}", published_at=hours_ago(n + 2)
            )
        ArticleFactory(
            section=security, headline="Security 0", published_at=hours_ago(3)
        )
        SectionFactory(name="Empty desk", slug="empty-desk")

        html = page(client)
        assert html.count(lead.headline) == 1
        economy_block = html[
            html.index("home-section-economy") : html.index("home-section-security")
        ]
        assert [f"Economy {n}" in economy_block for n in range(6)] == [True] * 4 + [
            False
        ] * 2
        assert economy_block.index("Economy 0") < economy_block.index("Economy 3")
        assert "Security 0" in html
        # A section with nothing published gets no empty block.
        assert "home-section-empty-desk" not in html

    def test_only_published_articles(self, client):
        ArticleFactory(headline="Out now")
        ArticleFactory(headline="Secret draft", draft=True)
        ArticleFactory(headline="Tomorrow's story", scheduled=True)
        html = page(client)
        assert "Out now" in html
        assert "Secret draft" not in html and "Tomorrow" not in html

    def test_listing_thumbnails_load_lazily(self, client):
        ArticleFactory(published_at=hours_ago(1))
        ArticleFactory(published_at=hours_ago(2), with_hero=True)
        html = page(client)
        sections = html[html.index('class="home-section"') :]
        assert 'loading="lazy"' in sections

    def test_query_count_does_not_grow_with_articles(
        self, client, django_assert_num_queries
    ):
        def build(sections, per_section):
            for _ in range(sections):
                section = SectionFactory()
                for n in range(per_section):
                    ArticleFactory(
                        section=section,
                        authors=[AuthorFactory(), AuthorFactory()],
                        with_hero=n == 0,
                        tags=["trade"],
                    )

        build(1, 2)
        client.get(reverse("articles:home"))  # fills the cached navigation
        # the newest of each section (the lead among them), their authors;
        # the sections are the navigation's, already cached
        with django_assert_num_queries(2):
            client.get(reverse("articles:home"))
        build(4, 6)
        client.get(reverse("articles:home"))
        with django_assert_num_queries(2):
            client.get(reverse("articles:home"))

    def test_empty_state(self, client):
        assert "No articles have been published yet." in page(client)


class TestArchive:
    def test_groups_by_day_newest_first(self, client):
        ArticleFactory(
            headline="Monday story", published_at=timezone.now() - timedelta(days=3)
        )
        ArticleFactory(headline="Today story", published_at=hours_ago(0.1))
        ArticleFactory(headline="Hidden draft", draft=True)

        html = page(client, "articles:archive")
        assert html.index("Today story") < html.index("Monday story")
        assert html.count('class="archive-date"') == 2
        assert "Hidden draft" not in html

    def test_pages_keep_within_range(self, client, monkeypatch):
        from articles.views import ArchiveView

        monkeypatch.setattr(ArchiveView, "paginate_by", 2)
        ArticleFactory.create_batch(5)
        last = page(client, "articles:archive", page="999")
        assert "Page 3 of 3" in last

    def test_query_count_does_not_grow_with_articles(
        self, client, django_assert_num_queries
    ):
        ArticleFactory(authors=[AuthorFactory()])
        client.get(reverse("articles:archive"))
        # count, page of articles, their authors, months with articles
        with django_assert_num_queries(4):
            client.get(reverse("articles:archive"))
        for _ in range(8):
            ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
        client.get(reverse("articles:archive"))  # new sections: menu re-cached
        with django_assert_num_queries(4):
            client.get(reverse("articles:archive"))


class TestNavigation:
    def test_every_page_links_home_archive_search_and_feeds(self, client):
        SectionFactory(name="Diplomacy")
        html = page(client, "articles:archive")
        assert 'href="/sections/' in html
        assert 'href="/archive/" aria-current="page"' in html
        assert 'role="search" action="/search/"' in html
        assert 'type="application/rss+xml"' in html
        assert 'type="application/atom+xml"' in html
