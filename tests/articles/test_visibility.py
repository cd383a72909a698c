"""The public never sees an unpublished or future article, nor an unapproved
analysis box, on any page or list."""

import pytest
from django.urls import reverse

from tests.factories import (
    AnalysisBoxFactory,
    ArticleFactory,
    AuthorFactory,
    RelatedLinkFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    section = SectionFactory(slug="diplomacy")
    author = AuthorFactory(slug="mara")
    common = {"section": section, "tags": ["talks"], "authors": [author]}
    live = ArticleFactory(headline="LIVE-STORY", **common)
    hidden = [
        ArticleFactory(headline="DRAFT-STORY", draft=True, **common),
        ArticleFactory(headline="REVIEW-STORY", status="in_review", **common),
        ArticleFactory(headline="FUTURE-STORY", scheduled=True, **common),
    ]
    for article in hidden:
        RelatedLinkFactory(from_article=live, to_article=article)
    AnalysisBoxFactory(article=live, submitted=True, body="<p>UNAPPROVED-BOX</p>")
    return live, hidden


PAGES = [
    lambda live: reverse("articles:home"),
    lambda live: reverse("articles:section", args=["diplomacy"]),
    lambda live: reverse("articles:tag", args=["talks"]),
    lambda live: reverse("articles:author", args=["mara"]),
    lambda live: live.get_absolute_url(),
]


@pytest.mark.parametrize(
    "page", PAGES, ids=["home", "section", "tag", "author", "article+related"]
)
def test_only_live_content_on_public_pages(client, newsroom, page):
    live, hidden = newsroom
    html = client.get(page(live)).content.decode()
    assert "LIVE-STORY" in html
    for marker in ("DRAFT-STORY", "REVIEW-STORY", "FUTURE-STORY", "UNAPPROVED-BOX"):
        assert marker not in html


def test_unpublished_and_future_articles_are_not_found(client, newsroom):
    _live, hidden = newsroom
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_see_the_public_pages_as_readers_do(editor_client, newsroom):
    live, _hidden = newsroom
    html = editor_client.get(live.get_absolute_url()).content.decode()
    assert "UNAPPROVED-BOX" not in html
    assert "REVIEW-STORY" not in html
