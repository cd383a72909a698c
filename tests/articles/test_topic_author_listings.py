"""Topic and author pages page through their bylines and topic links, which
carry a copy of each article's status and publish time (ArticleLink). Whatever
happens to an article, the pages show what Article.objects.published() shows,
in its order (-published_at, -pk), with the same count and the same pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle
from articles.views import AuthorView, TagView
from tests.factories import ArticleFactory, AuthorFactory, ready_article

pytestmark = pytest.mark.django_db

TOPIC = "grain"
KINDS = ["topic", "author"]
PER_PAGE = 2


@pytest.fixture(autouse=True)
def short_pages(monkeypatch):
    monkeypatch.setattr(TagView, "paginate_by", PER_PAGE)
    monkeypatch.setattr(AuthorView, "paginate_by", PER_PAGE)


@pytest.fixture
def author():
    return AuthorFactory(slug="mara")


def url_of(kind, author):
    if kind == "topic":
        return reverse("articles:tag", args=[TOPIC])
    return author.get_absolute_url()


def listed(client, kind, author):
    """Every page of the listing, in order, and the count the pages give."""
    headlines, number = [], 1
    while True:
        response = client.get(url_of(kind, author), {"page": number})
        assert response.status_code == 200
        headlines += [article.headline for article in response.context["articles"]]
        page = response.context["page_obj"]
        if not page.has_next():
            return headlines, page.paginator.count
        number += 1


def published(kind, author, limit=None):
    """The truth, from the articles and their relations alone."""
    articles = Article.objects.published()
    if kind == "topic":
        articles = articles.filter(tags__slug=TOPIC)
    else:
        articles = articles.filter(authors=author)
    headlines = list(articles.newest_first().values_list("headline", flat=True))
    return headlines[:limit]


def assert_listing_is_published(client, kind, author, limit=None):
    expected = published(kind, author, limit)
    assert listed(client, kind, author) == (expected, len(expected))


def later(monkeypatch, **delta):
    """The clock moves on; nothing is written."""
    moved = timezone.now() + timedelta(**delta)
    monkeypatch.setattr(timezone, "now", lambda: moved)


def ready(headline, author, **kwargs):
    return ready_article(headline=headline, tags=[TOPIC], authors=[author], **kwargs)


@pytest.mark.parametrize("kind", KINDS)
def test_publish_unpublish_and_reschedule(client, editor, monkeypatch, kind, author):
    ArticleFactory(
        headline="Old",
        tags=[TOPIC],
        authors=[author],
        published_at=timezone.now() - timedelta(days=2),
    )
    first, second = ready("First", author), ready("Second", author)
    assert listed(client, kind, author) == (["Old"], 1)

    first.publish(by=editor)
    second.publish(by=editor, at=timezone.now() + timedelta(hours=2))
    assert listed(client, kind, author) == (["First", "Old"], 2)

    first.unpublish(by=editor)
    assert listed(client, kind, author) == (["Old"], 1)

    # Rescheduled: each goes live at its new time, and not before.
    second.unpublish(by=editor)
    second.publish(by=editor, at=timezone.now() + timedelta(minutes=30))
    first.publish(by=editor, at=timezone.now() + timedelta(hours=5))
    later(monkeypatch, hours=1)
    assert listed(client, kind, author) == (["Second", "Old"], 2)
    assert_listing_is_published(client, kind, author)


@pytest.mark.parametrize("kind", KINDS)
def test_scheduled_article_appears_at_its_time_without_a_write(
    client, editor, monkeypatch, kind, author
):
    ArticleFactory(headline="Live", tags=[TOPIC], authors=[author])
    scheduled = ready("Scheduled", author)
    scheduled.publish(by=editor, at=timezone.now() + timedelta(hours=1))
    assert listed(client, kind, author) == (["Live"], 1)

    later(monkeypatch, hours=2)

    assert listed(client, kind, author) == (["Scheduled", "Live"], 2)


def test_changing_topics(client):
    author = AuthorFactory()
    topic = Tag.objects.create(name=TOPIC, slug=TOPIC)
    article = ArticleFactory(headline="Story")
    assert listed(client, "topic", author) == ([], 0)

    article.tags.add(TOPIC)
    assert listed(client, "topic", author) == (["Story"], 1)

    article.tags.set(["other"])
    assert listed(client, "topic", author) == ([], 0)

    TaggedArticle.objects.create(
        tag=topic,
        content_object=ArticleFactory(headline="Via a row"),
    )
    article.tags.add(TOPIC)
    assert listed(client, "topic", author) == (["Via a row", "Story"], 2)
    assert_listing_is_published(client, "topic", author)


@pytest.mark.parametrize(
    "add",
    [
        lambda article, author: Byline.objects.create(article=article, author=author),
        lambda article, author: article.authors.add(author),
        lambda article, author: author.articles.add(article),
        lambda article, author: Byline.objects.bulk_create(
            [Byline(article=article, author=author)]
        ),
    ],
    ids=["create", "add", "reverse-add", "bulk-create"],
)
def test_every_way_of_adding_a_byline(client, editor, add, author):
    live = ArticleFactory(headline="Live")
    draft = ready_article(headline="Draft")

    add(live, author)
    add(draft, author)
    assert listed(client, "author", author) == (["Live"], 1)

    draft.publish(by=editor)
    assert listed(client, "author", author) == (["Draft", "Live"], 2)


def test_moving_and_removing_bylines(client, author):
    mine = ArticleFactory(headline="Mine", authors=[author])
    other = ArticleFactory(
        headline="Other", status=Article.Status.DRAFT, published_at=None
    )
    byline = Byline.objects.get(article=mine)

    byline.article = other
    byline.save(update_fields=["article"])
    assert listed(client, "author", author) == ([], 0)

    byline.article = ArticleFactory(headline="Third")
    byline.save()
    assert listed(client, "author", author) == (["Third"], 1)

    byline.delete()
    assert listed(client, "author", author) == ([], 0)


@pytest.mark.parametrize("kind", KINDS)
def test_updates_and_deletes_reach_the_listing(client, kind, author):
    common = {"tags": [TOPIC], "authors": [author]}
    one = ArticleFactory(headline="One", **common)
    two = ArticleFactory(
        headline="Two", published_at=timezone.now() - timedelta(days=1), **common
    )

    Article.objects.filter(pk=one.pk).update(status=Article.Status.DRAFT)
    assert listed(client, kind, author) == (["Two"], 1)

    Article.objects.filter(pk=one.pk).update(status=Article.Status.PUBLISHED)
    Article.objects.filter(pk=two.pk).update(published_at=timezone.now())
    assert listed(client, kind, author) == (["Two", "One"], 2)

    one.published_at = timezone.now() + timedelta(days=1)
    one.save()
    assert listed(client, kind, author) == (["Two"], 1)

    one.published_at = timezone.now() - timedelta(days=2)
    Article.objects.bulk_update([one], ["published_at"])
    assert listed(client, kind, author) == (["Two", "One"], 2)

    two.delete()
    assert listed(client, kind, author) == (["One"], 1)


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_up_to_the_cap_matches_the_published_listing(
    client, settings, kind, author
):
    settings.ARTICLES_LISTING_LIMIT = 7
    now = timezone.now()
    common = {"tags": [TOPIC], "authors": [author]}
    for number in range(10):
        # Pairs share a publish time: the key decides between them.
        ArticleFactory(
            headline=f"Story {number}",
            published_at=now - timedelta(hours=number // 2),
            **common,
        )
    ArticleFactory(headline="Draft", draft=True, **common)
    ArticleFactory(headline="Scheduled", scheduled=True, **common)
    ArticleFactory(headline="Elsewhere", tags=["other"], authors=[AuthorFactory()])

    headlines, count = listed(client, kind, author)

    assert (headlines, count) == (published(kind, author, limit=7), 7)
    assert headlines[:3] == ["Story 1", "Story 0", "Story 3"]
    last = client.get(url_of(kind, author), {"page": 99}).context["page_obj"]
    assert (last.number, last.paginator.num_pages) == (4, 4)


@pytest.mark.parametrize("kind", KINDS)
def test_feeds_list_the_newest_published(client, editor, kind, author):
    ArticleFactory(headline="Older", tags=[TOPIC], authors=[author])
    ArticleFactory(headline="Hidden", draft=True, tags=[TOPIC], authors=[author])
    ready("Newest", author).publish(by=editor)
    name = "articles:tag-rss" if kind == "topic" else "articles:author-rss"
    slug = TOPIC if kind == "topic" else author.slug

    feed = client.get(reverse(name, args=[slug])).content.decode()

    assert "Hidden" not in feed
    assert feed.index("Newest") < feed.index("Older")
