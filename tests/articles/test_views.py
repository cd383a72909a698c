import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial.models import AnalysisBox
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


@pytest.fixture
def full_article():
    """An article with every part the reference page shows."""
    article = ArticleFactory(
        headline="A Digital Ceasefire? Two Capitals Open AI Talks",
        dek="The governments agreed to a standing channel. Experts doubt its reach.",
        body="<p>The first round begins in March.</p><p>Officials said more.</p>",
        with_hero=True,
        tags=["artificial intelligence", "diplomacy"],
        authors=[AuthorFactory(name="Mara Lind"), AuthorFactory(name="Ole Berg")],
    )
    for position, text in enumerate(
        [
            "Talks begin in March.",
            "Both sides named envoys.",
            "No treaty is planned.",
            "A review comes in a year.",
        ],
        start=1,
    ):
        KeyTakeawayFactory(article=article, position=position, text=text)
    AnalysisBoxFactory(
        article=article,
        body="<p>This is a hedge, not a ceasefire.</p>",
        attribution="Foreign Desk Editorial",
        approved=True,
    )
    return article


class TestArticlePage:
    def test_shows_every_part_in_reading_order(self, client, full_article):
        page = text_of(client.get(full_article.get_absolute_url()))
        article = page[page.index('<article class="article">') :]

        landmarks = [
            full_article.section.name,
            "<h1",
            "A Digital Ceasefire? Two Capitals Open AI Talks",
            "The governments agreed to a standing channel.",
            "Mara Lind",
            "<time datetime=",
            'alt="A flag against a clear sky"',
            "The flag over the ministry.",
            "Photo: Newsroom Studio",
            "Key Takeaways",
            "<aside",
            "Editor&#39;s Desk",
            "Strategic Analysis",
            "This is a hedge, not a ceasefire.",
            "Foreign Desk Editorial",
            "Strategic Insight",
            "Newsroom Daily Brief",
            "The first round begins in March.",
            "Share Article",
            "Related Articles",
        ]
        positions = [article.find(landmark) for landmark in landmarks]
        missing = [lm for lm, pos in zip(landmarks, positions, strict=True) if pos < 0]
        assert not missing
        assert positions == sorted(positions)

    def test_takeaways_are_a_numbered_list_in_order(self, client, full_article):
        page = text_of(client.get(full_article.get_absolute_url()))

        ordered_list = re.search(r"Key Takeaways</h2>\s*<ol>(.*?)</ol>", page, re.S)
        assert ordered_list
        items = re.findall(r"<li>(.*?)</li>", ordered_list.group(1))
        assert items == [
            "Talks begin in March.",
            "Both sides named envoys.",
            "No treaty is planned.",
            "A review comes in a year.",
        ]

    def test_byline_lists_authors_in_order(self, client, full_article):
        page = text_of(client.get(full_article.get_absolute_url()))
        assert page.index("Mara Lind") < page.index("Ole Berg")

    def test_one_h1_and_a_canonical_link(self, client, full_article):
        page = text_of(client.get(full_article.get_absolute_url()))
        assert page.count("<h1") == 1
        assert (
            f'<link rel="canonical" href="http://testserver/articles/{full_article.slug}/">'
            in page
        )

    def test_unapproved_analysis_box_is_not_shown(self, client):
        box = AnalysisBoxFactory(body="<p>Unread words.</p>", submitted=True)
        assert box.status == AnalysisBox.Status.SUBMITTED

        page = text_of(client.get(box.article.get_absolute_url()))
        assert "Unread words." not in page
        assert "<aside" not in page
        assert "Strategic Analysis" not in page

    def test_box_edited_after_approval_disappears(self, client, full_article):
        box = full_article.analysis_box
        box.body = "<p>Second thoughts nobody approved.</p>"
        box.save()

        page = text_of(client.get(full_article.get_absolute_url()))
        assert "Second thoughts" not in page
        assert "This is a hedge" not in page
        assert "<aside" not in page

    def test_without_takeaways_or_box_the_page_still_renders(self, client):
        article = ArticleFactory()
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Key Takeaways" not in text_of(response)

    def test_empty_related_state_is_said_in_words(self, client):
        article = ArticleFactory()
        page = text_of(client.get(article.get_absolute_url()))
        assert "No related articles found." in page

    def test_body_html_is_rendered_not_escaped(self, client):
        article = ArticleFactory(body="<p>Line with <strong>weight</strong>.</p>")
        page = text_of(client.get(article.get_absolute_url()))
        assert "<strong>weight</strong>" in page

    def test_plain_text_fields_are_escaped(self, client):
        article = ArticleFactory(
            headline='"><svg onload=alert(1)>', dek="<script>alert(2)</script>"
        )
        page = text_of(client.get(article.get_absolute_url()))
        assert "<svg onload" not in page
        assert "<script>alert(2)" not in page
        assert "&lt;svg onload=alert(1)&gt;" in page


class TestNotPublic:
    @pytest.mark.parametrize(
        "state",
        [
            {"draft": True},
            {"scheduled": True},
            {"status": Article.Status.IN_REVIEW},
        ],
        ids=["draft", "scheduled", "in-review"],
    )
    def test_unpublished_article_is_404(self, client, state):
        article = ArticleFactory(**state)
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert article.headline not in text_of(response)

    def test_404_page_is_friendly_and_has_navigation(self, client):
        SectionFactory(name="Diplomacy")
        response = client.get("/articles/no-such-story/")
        assert response.status_code == 404
        page = text_of(response)
        assert "We could not find that page" in page
        assert "Diplomacy" in page
        assert 'href="/"' in page

    def test_staff_do_not_see_drafts_on_the_public_page(self, editor_client):
        article = ArticleFactory(draft=True)
        assert editor_client.get(article.get_absolute_url()).status_code == 404


class TestHomePage:
    def test_lists_published_articles_newest_first(self, client):
        old = ArticleFactory(
            headline="Old news", published_at=timezone.now() - timedelta(days=3)
        )
        new = ArticleFactory(
            headline="New news", published_at=timezone.now() - timedelta(hours=1)
        )
        ArticleFactory(headline="Secret draft", draft=True)
        ArticleFactory(headline="Tomorrow's story", scheduled=True)

        page = text_of(client.get(reverse("articles:home")))
        assert page.index(new.headline) < page.index(old.headline)
        assert "Secret draft" not in page
        assert "Tomorrow" not in page

    def test_empty_state(self, client):
        page = text_of(client.get(reverse("articles:home")))
        assert "No articles have been published yet." in page

    @pytest.mark.parametrize("page_number", ["2", "999", "0", "-1", "abc", "1e9", ""])
    def test_bad_page_numbers_do_not_error(self, client, settings, page_number):
        settings.ARTICLES_PER_PAGE = 2
        ArticleFactory.create_batch(3)
        response = client.get(reverse("articles:archive"), {"page": page_number})
        assert response.status_code == 200

    def test_paginates(self, client, settings, monkeypatch):
        from articles.views import ArchiveView

        monkeypatch.setattr(ArchiveView, "paginate_by", 2)
        for hours in range(5):
            ArticleFactory(
                headline=f"Story {hours}",
                published_at=timezone.now() - timedelta(hours=hours + 1),
            )
        first = text_of(client.get(reverse("articles:archive")))
        third = text_of(client.get(reverse("articles:archive"), {"page": 3}))
        assert "Story 0" in first and "Story 2" not in first
        assert "Story 4" in third and "Page 3 of 3" in third


class TestListingPages:
    def test_section_page_lists_only_its_published_articles(self, client):
        section = SectionFactory(name="Economy")
        mine = ArticleFactory(section=section, headline="Rates hold")
        ArticleFactory(section=section, headline="Hidden draft", draft=True)
        ArticleFactory(headline="Elsewhere")

        page = text_of(client.get(section.get_absolute_url()))
        assert mine.headline in page
        assert "Hidden draft" not in page
        assert "Elsewhere" not in page

    def test_tag_page(self, client):
        tagged = ArticleFactory(headline="Chips and tariffs", tags=["semiconductors"])
        ArticleFactory(headline="Untagged")
        ArticleFactory(headline="Tagged draft", draft=True, tags=["semiconductors"])

        page = text_of(client.get(reverse("articles:tag", args=["semiconductors"])))
        assert tagged.headline in page
        assert "Untagged" not in page
        assert "Tagged draft" not in page

    def test_author_page(self, client):
        author = AuthorFactory(name="Ines Moreau", bio="Covers energy.")
        ArticleFactory(headline="Her story", authors=[author])
        ArticleFactory(headline="Someone else's")

        page = text_of(client.get(author.get_absolute_url()))
        assert "Her story" in page and "Covers energy." in page
        assert "Someone else" not in page

    @pytest.mark.parametrize("listing", ["topic", "author"])
    def test_topic_and_author_pages_count_only_what_readers_see(
        self, client, settings, monkeypatch, listing
    ):
        """Their page count comes from the topic's or bylines' own rows: the
        drafts, scheduled articles and other topics there never add a page."""
        from articles.views import AuthorView, TagView

        monkeypatch.setattr(TagView, "paginate_by", 2)
        monkeypatch.setattr(AuthorView, "paginate_by", 2)
        author = AuthorFactory()
        mine = {"tags": ["grain"], "authors": [author]}
        for number in range(3):
            ArticleFactory(headline=f"Visible {number}", **mine)
        ArticleFactory(draft=True, **mine)
        ArticleFactory(scheduled=True, **mine)
        ArticleFactory(draft=True, tags=["grain"], authors=[author])
        ArticleFactory.create_batch(3, tags=["other"], authors=[AuthorFactory()])
        url = (
            reverse("articles:tag", args=["grain"])
            if listing == "topic"
            else author.get_absolute_url()
        )

        first = text_of(client.get(url))
        last = text_of(client.get(url, {"page": 2}))

        assert "Page 1 of 2" in first
        assert "Page 2 of 2" in last and "Visible 0" in last

        settings.ARTICLES_LISTING_LIMIT = 2
        capped = text_of(client.get(url))
        assert "Visible 2" in capped
        assert 'rel="next"' not in capped and "Page 1 of" not in capped

    @pytest.mark.parametrize(
        "url", ["/sections/nope/", "/topics/nope/", "/authors/nope/"]
    )
    def test_unknown_listing_is_404(self, client, url):
        assert client.get(url).status_code == 404


def test_article_page_marks_its_section_in_the_navigation(client):
    article = ArticleFactory()
    page = text_of(client.get(article.get_absolute_url()))
    assert (
        f'<a href="{article.section.get_absolute_url()}" aria-current="page">' in page
    )
