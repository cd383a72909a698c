import json
import re
from html.parser import HTMLParser

import extruct
import pytest

from tests.factories import ArticleFactory, AuthorFactory, KeyTakeawayFactory

pytestmark = pytest.mark.django_db


class HeadMeta(HTMLParser):
    """The <meta> and <link> elements of a page, as a crawler reads them."""

    def __init__(self):
        super().__init__()
        self.meta, self.links = {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs["content"])
        if tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs.get("href"))


@pytest.fixture
def article():
    article = ArticleFactory(
        headline="Grain corridor reopens",
        slug="grain-corridor",
        dek="Ships sailed at dawn.",
        authors=[
            AuthorFactory(name="Mara Lind", slug="mara-lind"),
            AuthorFactory(name="Ole Berg", slug="ole-berg"),
        ],
        section__name="Economy",
        tags=["shipping", "grain"],
        with_hero=True,
    )
    KeyTakeawayFactory(article=article, position=1, text="Insurance costs fell.")
    KeyTakeawayFactory(article=article, position=2, text="Exports may double.")
    return article


def page_of(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def extract(html):
    return extruct.extract(
        html,
        base_url="http://testserver/",
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )


def test_json_ld_news_article(client, article):
    data = extract(page_of(client, article))["json-ld"]
    assert len(data) == 1
    news = data[0]
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Grain corridor reopens"
    assert news["description"] == "Ships sailed at dawn."
    assert news["url"] == "http://testserver/articles/grain-corridor/"
    assert news["datePublished"] == article.published_at.isoformat()
    assert news["dateModified"] >= news["datePublished"]
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "Mara Lind",
            "url": "http://testserver/authors/mara-lind/",
        },
        {
            "@type": "Person",
            "name": "Ole Berg",
            "url": "http://testserver/authors/ole-berg/",
        },
    ]
    assert news["articleSection"] == "Economy"
    assert sorted(news["keywords"]) == ["grain", "shipping"]
    assert news["abstract"] == "Insurance costs fell. Exports may double."
    image = news["image"][0]
    assert image["url"] == "http://testserver" + article.hero.url
    assert (image["width"], image["height"]) == (160, 90)
    publisher = news["publisher"]
    assert publisher["name"] == "Newsroom Daily Brief"
    assert publisher["logo"]["url"] == "http://testserver/static/img/logo.png"
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (600, 60)


def test_publisher_logo_is_served_at_its_stated_size(client):
    from django.contrib.staticfiles import finders
    from PIL import Image

    from articles.metadata import LOGO_PATH, LOGO_SIZE

    with Image.open(finders.find(LOGO_PATH)) as logo:
        assert logo.size == LOGO_SIZE


def test_open_graph_and_twitter_card(client, article):
    html = page_of(client, article)
    og = dict(
        extruct.extract(html, syntaxes=["opengraph"])["opengraph"][0]["properties"]
    )
    assert og["og:type"] == "article"
    assert og["og:title"] == "Grain corridor reopens"
    assert og["og:description"] == "Ships sailed at dawn."
    assert og["og:url"] == "http://testserver/articles/grain-corridor/"
    assert og["og:image"] == "http://testserver" + article.hero.url
    assert (og["og:image:width"], og["og:image:height"]) == ("160", "90")
    assert og["og:image:alt"] == "A flag against a clear sky"

    head = HeadMeta()
    head.feed(html)
    assert head.links["canonical"] == ["http://testserver/articles/grain-corridor/"]
    assert head.meta["description"] == ["Ships sailed at dawn."]
    assert head.meta["twitter:card"] == ["summary_large_image"]
    assert head.meta["twitter:image"] == ["http://testserver" + article.hero.url]
    assert sorted(head.meta["article:tag"]) == ["grain", "shipping"]
    assert head.meta["article:section"] == ["Economy"]


def test_without_picture_a_small_card_and_no_image(client):
    article = ArticleFactory()
    html = page_of(client, article)
    head = HeadMeta()
    head.feed(html)
    assert head.meta["twitter:card"] == ["summary"]
    assert "og:image" not in head.meta
    assert "image" not in extract(html)["json-ld"][0]


def test_json_ld_cannot_be_broken_out_of(client):
    hostile = 'Talks </script><script>alert(1)</script> <!-- & "quotes"'
    article = ArticleFactory(headline=hostile, dek="U+2028 \u2028 here")
    html = page_of(client, article)
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    ).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["headline"] == hostile
    assert extract(html)["json-ld"][0]["headline"] == hostile
    # The page has exactly one script of its own: the data block.
    assert html.count("<script") == 2  # the data block and share.js


def test_absolute_urls_follow_site_url(client, article, settings):
    settings.SITE_URL = "https://news.example.org"
    html = page_of(client, article)
    news = extract(html)["json-ld"][0]
    assert news["url"] == "https://news.example.org/articles/grain-corridor/"
    assert news["image"][0]["url"].startswith("https://news.example.org/media/")
    assert news["publisher"]["logo"]["url"].startswith("https://news.example.org/")
