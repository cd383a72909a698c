"""Every editorial change is visible on the very next request, cache on."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    SectionFactory,
    ready_article,
)

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    return response, response.content.decode()


def assert_cached(client, url):
    """The page is in the cache now: a second request is a hit."""
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second["X-Page-Cache"] == "hit"


@pytest.fixture
def story():
    section = SectionFactory(name="Diplomacy", slug="diplomacy")
    author = AuthorFactory(name="Mara Lind", slug="mara-lind")
    article = ArticleFactory(
        headline="Talks resume in Geneva",
        slug="talks-resume",
        section=section,
        tags=["geneva"],
        authors=[author],
    )
    neighbour = ArticleFactory(
        headline="Envoys named", slug="envoys-named", section=section
    )
    return article, neighbour


def month_page(article):
    local = timezone.localtime(article.published_at)
    return reverse("articles:archive-month", args=[f"{local:%Y}", f"{local:%m}"])


def pages_showing(article):
    return [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=["geneva"]),
        reverse("articles:author", args=["mara-lind"]),
        reverse("articles:archive"),
        month_page(article),
    ]


def test_second_anonymous_request_is_served_from_the_cache(
    client, story, django_assert_num_queries
):
    article, _ = story
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "Talks resume in Geneva" in response.content.decode()


def test_editing_a_published_headline_refreshes_every_page_showing_it(
    client, story, commit
):
    article, neighbour = story
    urls = [*pages_showing(article), neighbour.get_absolute_url()]
    for url in urls:
        assert_cached(client, url)

    article.headline = "Talks collapse in Geneva"
    commit(article.save)

    for url in urls:
        response, page = fetch(client, url)
        assert "Talks collapse in Geneva" in page, url
        assert "Talks resume in Geneva" not in page, url


def test_related_article_headline_change_reaches_the_other_page(client, story, commit):
    article, neighbour = story
    assert "Envoys named" in fetch(client, article.get_absolute_url())[1]
    assert_cached(client, article.get_absolute_url())

    neighbour.headline = "Envoys recalled"
    commit(neighbour.save)

    page = fetch(client, article.get_absolute_url())[1]
    assert "Envoys recalled" in page
    assert "Envoys named" not in page


def test_unpublishing_removes_the_article_everywhere(client, story, editor, commit):
    article, _ = story
    for url in pages_showing(article):
        assert_cached(client, url)

    commit(article.unpublish, by=editor)

    assert client.get(article.get_absolute_url()).status_code == 404
    for url in pages_showing(article)[2:] + pages_showing(article)[:1]:
        assert "Talks resume in Geneva" not in fetch(client, url)[1], url


def test_publishing_a_draft_shows_it_everywhere(client, editor, commit):
    section = SectionFactory(slug="world")
    draft = ready_article(headline="Breaking: ceasefire holds", section=section)
    listings = [reverse("articles:home"), section.get_absolute_url()]
    for url in listings:
        assert "Breaking: ceasefire holds" not in fetch(client, url)[1]
        assert client.get(url)["X-Page-Cache"] == "hit"

    commit(draft.publish, by=editor)

    for url in [*listings, month_page(draft)]:
        assert "Breaking: ceasefire holds" in fetch(client, url)[1]
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_editing_a_draft_keeps_the_cached_pages(client, story, commit):
    article, _ = story
    draft = ArticleFactory(draft=True, section=article.section)
    assert_cached(client, reverse("articles:home"))

    draft.headline = "Still a draft"
    commit(draft.save)

    assert client.get(reverse("articles:home"))["X-Page-Cache"] == "hit"


def test_approving_and_revoking_the_analysis_box(client, story, editor, commit):
    article, _ = story
    box = AnalysisBoxFactory(
        article=article, body="<p>A hedge, not a truce.</p>", submitted=True
    )
    url = article.get_absolute_url()
    assert_cached(client, url)
    assert "A hedge, not a truce." not in fetch(client, url)[1]

    commit(box.approve, by=editor)
    assert "A hedge, not a truce." in fetch(client, url)[1]
    assert_cached(client, url)

    commit(box.revoke_approval, by=editor)
    assert "A hedge, not a truce." not in fetch(client, url)[1]


def test_analysis_box_change_leaves_other_pages_cached(client, story, editor, commit):
    article, neighbour = story
    box = AnalysisBoxFactory(article=article, submitted=True)
    assert_cached(client, neighbour.get_absolute_url())

    commit(box.approve, by=editor)

    assert client.get(neighbour.get_absolute_url())["X-Page-Cache"] == "hit"


def test_new_takeaway_appears_on_the_article_page(client, story, commit):
    article, _ = story
    assert_cached(client, article.get_absolute_url())

    commit(KeyTakeawayFactory.create, article=article, text="Talks resume Monday.")

    assert "Talks resume Monday." in fetch(client, article.get_absolute_url())[1]


def test_new_tag_appears_on_the_article_and_tag_pages(client, story, commit):
    article, _ = story
    assert_cached(client, article.get_absolute_url())

    commit(article.tags.add, "sanctions")

    assert "sanctions" in fetch(client, article.get_absolute_url())[1]
    tag_page = fetch(client, reverse("articles:tag", args=["sanctions"]))[1]
    assert "Talks resume in Geneva" in tag_page


def test_changing_the_slug_frees_the_old_address(client, story, commit):
    article, _ = story
    old_url = article.get_absolute_url()
    assert_cached(client, old_url)

    article.slug = "talks-resume-geneva"
    commit(article.save)

    assert client.get(old_url).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 200


def test_renaming_a_section_updates_the_navigation(client, story, commit):
    article, _ = story
    assert_cached(client, reverse("articles:home"))

    article.section.name = "Foreign affairs"
    commit(article.section.save)

    assert "Foreign affairs" in fetch(client, reverse("articles:home"))[1]


def test_deleting_an_article_removes_it(client, story, commit):
    article, _ = story
    assert_cached(client, reverse("articles:home"))

    commit(Article.objects.filter(pk=article.pk).first().delete)

    assert "Talks resume in Geneva" not in fetch(client, reverse("articles:home"))[1]
