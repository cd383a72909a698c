import pytest
from django.urls import reverse

from articles.models import Article
from editorial.models import AnalysisBox
from tests.admin_forms import inline_rows, management_data
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    SectionFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


def article_fields(article):
    """The main form's fields for an existing article, as the page shows them."""
    return {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "section": str(article.section_id),
        "tags": ", ".join(article.tags.names()),
        "hero_image_alt": article.hero_image_alt,
        "hero_image_caption": article.hero_image_caption,
        # The optimistic lock: the version of the article the form was read at.
        "lock_token": article.updated_at.isoformat(),
    }


@pytest.fixture
def section():
    return SectionFactory(name="Diplomacy")


@pytest.fixture
def article_form(journalist_client, section):
    """A complete, valid add form as a journalist would fill it in."""
    author = AuthorFactory(name="Mara Lind")
    target = ArticleFactory(headline="The earlier round")
    data = management_data(journalist_client.get(ADD_URL))
    data.update(
        {
            "headline": "A Digital Ceasefire? Talks Open",
            "slug": "a-digital-ceasefire-talks-open",
            "dek": "Two governments open talks. Few expect a treaty.",
            "body": "<p>The first round starts in March.</p>",
            "section": str(section.pk),
            "tags": "artificial intelligence, diplomacy",
            "hero_image_alt": "",
            "hero_image_caption": "",
        }
    )
    data.update(inline_rows("byline_set", [{"author": author.pk, "position": 1}]))
    data.update(
        inline_rows(
            "takeaways",
            [
                {"position": 2, "text": "No treaty is planned."},
                {"position": 1, "text": "Talks begin in March."},
            ],
        )
    )
    data.update(
        inline_rows("related_links", [{"position": 1, "to_article": target.pk}])
    )
    data.update(
        inline_rows(
            "analysis_box",
            [
                {
                    "kicker": "Editor's Desk",
                    "heading": "Strategic Analysis",
                    "body": "<p>A hedge, not a ceasefire.</p>",
                    "attribution": "Foreign Desk Editorial",
                    "label": "Strategic Insight",
                }
            ],
        )
    )
    return data


class TestJournalistWrites:
    def test_add_page_offers_the_rich_text_editor_and_inlines(self, journalist_client):
        response = journalist_client.get(ADD_URL)
        assert response.status_code == 200
        page = response.content.decode()
        assert "django_prose_editor" in page
        for heading in ["Key takeaways", "Byline", "Analysis box", "pinned"]:
            assert heading.lower() in page.lower()

    def test_adds_an_article_with_every_inline(
        self, journalist_client, journalist, article_form
    ):
        response = journalist_client.post(ADD_URL, article_form)
        assert response.status_code == 302, response.context["errors"]

        article = Article.objects.get(slug="a-digital-ceasefire-talks-open")
        assert article.status == Article.Status.DRAFT
        assert article.created_by == journalist
        assert [t.text for t in article.takeaways.all()] == [
            "Talks begin in March.",
            "No treaty is planned.",
        ]
        assert [a.name for a in article.authors.all()] == ["Mara Lind"]
        assert sorted(article.tags.names()) == ["artificial intelligence", "diplomacy"]
        assert [link.to_article.headline for link in article.related_links.all()] == [
            "The earlier round"
        ]
        box = article.analysis_box
        assert box.attribution == "Foreign Desk Editorial"
        assert not box.is_public

    def test_posted_status_and_publish_time_are_ignored(
        self, journalist_client, article_form
    ):
        article_form.update(
            {
                "status": "published",
                "published_at_0": "2026-01-01",
                "published_at_1": "10:00",
            }
        )
        journalist_client.post(ADD_URL, article_form)

        article = Article.objects.get(slug="a-digital-ceasefire-talks-open")
        assert article.status == Article.Status.DRAFT
        assert article.published_at is None
        assert not Article.objects.published().filter(pk=article.pk).exists()

    def test_rich_text_is_sanitised_on_the_way_in(
        self, journalist_client, article_form
    ):
        article_form["body"] = (
            '<p>Fine<img src=x onerror="alert(1)"></p><script>x</script>'
        )
        journalist_client.post(ADD_URL, article_form)

        article = Article.objects.get(slug="a-digital-ceasefire-talks-open")
        assert "onerror" not in article.body
        assert "<script" not in article.body

    def test_edits_an_existing_article(self, journalist_client, journalist):
        article = ArticleFactory(
            draft=True, headline="Old headline", created_by=journalist
        )
        KeyTakeawayFactory(article=article, text="Old point.", position=1)
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = journalist_client.get(url)
        data = {**management_data(response), **article_fields(article)}
        takeaway = article.takeaways.get()
        data.update(
            {
                "headline": "New headline",
                **inline_rows(
                    "takeaways",
                    [
                        {
                            "id": takeaway.pk,
                            "article": article.pk,
                            "position": 1,
                            "text": "Sharper point.",
                        }
                    ],
                    initial=1,
                ),
            }
        )
        response = journalist_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]

        article.refresh_from_db()
        assert article.headline == "New headline"
        assert [t.text for t in article.takeaways.all()] == ["Sharper point."]


class TestRejectedFormKeepsEverything:
    def test_errors_are_per_field_and_typed_text_is_kept(
        self, journalist_client, article_form
    ):
        article_form["dek"] = ""
        article_form["takeaways-1-text"] = "Two sentences here. This is the second."
        response = journalist_client.post(ADD_URL, article_form)

        assert response.status_code == 200
        assert not Article.objects.filter(
            slug="a-digital-ceasefire-talks-open"
        ).exists()
        page = response.content.decode()
        assert "This field is required." in page
        assert "A takeaway is one sentence" in page
        for typed in [
            "A Digital Ceasefire? Talks Open",
            "The first round starts in March.",
            "No treaty is planned.",
            "Two sentences here. This is the second.",
            "A hedge, not a ceasefire.",
            "Foreign Desk Editorial",
            "artificial intelligence",
        ]:
            assert typed in page, typed

    def test_related_link_to_itself_is_refused(self, journalist_client, journalist):
        article = ArticleFactory(draft=True, created_by=journalist)
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = journalist_client.get(url)
        data = {**management_data(response), **article_fields(article)}
        data.update(
            {
                **inline_rows(
                    "related_links", [{"position": 1, "to_article": article.pk}]
                ),
            }
        )
        response = journalist_client.post(url, data)

        assert response.status_code == 200
        assert "cannot link to itself" in response.content.decode()
        assert not article.related_links.exists()


class TestPublishingFromTheAdmin:
    changelist = reverse("admin:articles_article_changelist")

    def test_editor_publishes_with_the_action(self, editor_client):
        article = ready_article()
        response = editor_client.post(
            self.changelist,
            {"action": "publish_selected", "_selected_action": [article.pk]},
            follow=True,
        )
        assert "1 article published." in response.content.decode()
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED

    def test_journalist_has_no_publish_action(self, journalist_client):
        article = ArticleFactory(draft=True)
        page = journalist_client.get(self.changelist).content.decode()
        assert "publish_selected" not in page

        journalist_client.post(
            self.changelist,
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

    def test_refusals_are_reported_per_article(self, editor_client):
        live = ArticleFactory(headline="Already out")
        response = editor_client.post(
            self.changelist,
            {"action": "publish_selected", "_selected_action": [live.pk]},
            follow=True,
        )
        assert "Already out: This article is already published." in (
            response.content.decode()
        )

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(self.changelist)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


class TestAnalysisBoxApproval:
    changelist = reverse("admin:editorial_analysisbox_changelist")

    def test_editor_approves(self, editor_client, editor):
        from tests.factories import AnalysisBoxFactory

        box = AnalysisBoxFactory(submitted=True)
        editor_client.post(
            self.changelist,
            {"action": "approve_selected", "_selected_action": [box.pk]},
        )
        box.refresh_from_db()
        assert box.is_public
        assert box.approved_by == editor

    def test_journalist_cannot_approve(self, journalist_client):
        from tests.factories import AnalysisBoxFactory

        box = AnalysisBoxFactory(submitted=True)
        journalist_client.post(
            self.changelist,
            {"action": "approve_selected", "_selected_action": [box.pk]},
        )
        box.refresh_from_db()
        assert box.status == AnalysisBox.Status.SUBMITTED
