import feedparser
import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

FEED_KINDS = ["rss", "atom"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.fixture
def story():
    author = AuthorFactory(name="Mara Lind", slug="mara-lind")
    article = ArticleFactory(
        headline="Grain corridor reopens",
        dek="Ships sailed at dawn & insurers followed.",
        section=SectionFactory(name="Economy", slug="economy"),
        authors=[author],
        tags=["shipping"],
        with_hero=True,
    )
    KeyTakeawayFactory(article=article, position=1, text="Insurance costs fell.")
    KeyTakeawayFactory(article=article, position=2, text="Exports may double.")
    return article


def feed_urls():
    return [
        ("articles:feed-{kind}", {}),
        ("articles:section-{kind}", {"slug": "economy"}),
        ("articles:tag-{kind}", {"slug": "shipping"}),
        ("articles:author-{kind}", {"slug": "mara-lind"}),
    ]


@pytest.mark.parametrize("kind", FEED_KINDS)
@pytest.mark.parametrize("name, kwargs", feed_urls())
def test_every_feed_parses_and_carries_the_story(client, story, kind, name, kwargs):
    ArticleFactory(headline="Draft story", draft=True, tags=["shipping"])
    ArticleFactory(headline="Future story", scheduled=True, section=story.section)

    response, feed = parse(client, reverse(name.format(kind=kind), kwargs=kwargs))

    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert [entry.title for entry in feed.entries] == ["Grain corridor reopens"]
    entry = feed.entries[0]
    assert entry.link == f"http://testserver/articles/{story.slug}/"
    assert entry.id == entry.link
    assert entry.author == "Mara Lind"

    summary = entry.summary
    assert "Ships sailed at dawn &amp; insurers followed." in summary
    assert "<li>Insurance costs fell.</li><li>Exports may double.</li>" in summary

    hero_url = "http://testserver" + story.hero.url
    media = entry.media_content[0]
    assert media["url"] == hero_url
    assert (media["width"], media["height"]) == ("160", "90")
    enclosures = [link for link in entry.links if link.rel == "enclosure"]
    assert enclosures[0].href == hero_url
    assert enclosures[0].type == "image/jpeg"
    assert {tag.term for tag in entry.tags} >= {"Economy", "shipping"}


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_feed_links_use_the_site_address(client, story, settings, kind):
    settings.SITE_URL = "https://news.example.org"
    _, feed = parse(client, reverse(f"articles:feed-{kind}"))
    assert feed.entries[0].link.startswith("https://news.example.org/articles/")
    assert (
        feed.entries[0]
        .media_content[0]["url"]
        .startswith("https://news.example.org/media/")
    )


def test_article_without_picture_has_no_enclosure(client):
    ArticleFactory(headline="Words only")
    _, feed = parse(client, reverse("articles:feed-rss"))
    entry = feed.entries[0]
    assert not [link for link in entry.links if link.rel == "enclosure"]
    assert "media_content" not in entry


def test_markup_in_plain_fields_stays_text(client):
    ArticleFactory(headline="<b>Bold</b> claim", dek="<script>alert(1)</script>")
    response, feed = parse(client, reverse("articles:feed-rss"))
    assert feed.entries[0].title == "<b>Bold</b> claim"
    assert "<script>" not in feed.entries[0].summary


@pytest.mark.parametrize(
    "url", ["/sections/nope/rss/", "/topics/nope/atom/", "/authors/nope/rss/"]
)
def test_unknown_object_feed_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_query_count_does_not_grow_with_items(client, kind, django_assert_num_queries):
    section = SectionFactory(slug="economy")

    def add(count):
        for _ in range(count):
            article = ArticleFactory(
                section=section,
                authors=[AuthorFactory(), AuthorFactory()],
                tags=["trade", "grain"],
                with_hero=True,
            )
            KeyTakeawayFactory.create_batch(2, article=article)

    url = reverse(f"articles:section-{kind}", kwargs={"slug": "economy"})
    add(1)
    # section, articles, authors, takeaways, tags
    with django_assert_num_queries(5):
        client.get(url)
    add(5)
    with django_assert_num_queries(5):
        client.get(url)


def test_pages_advertise_their_feeds(client, story):
    page = client.get(story.section.get_absolute_url()).content.decode()
    assert (
        'type="application/rss+xml" title="Economy (RSS)" href="/sections/economy/rss/"'
        in page
    )
    assert 'href="/sections/economy/atom/"' in page
