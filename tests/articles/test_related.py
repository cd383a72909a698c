from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db


def related(article, limit=5):
    return list(Article.objects.related_to(article, limit=limit))


def test_pinned_links_come_first_in_their_order():
    section = SectionFactory()
    article = ArticleFactory(section=section, tags=["ai"])
    same_tag = ArticleFactory(section=section, tags=["ai"])
    pinned_second = ArticleFactory()
    pinned_first = ArticleFactory()
    RelatedLinkFactory(from_article=article, to_article=pinned_second, position=2)
    RelatedLinkFactory(from_article=article, to_article=pinned_first, position=1)

    assert related(article) == [pinned_first, pinned_second, same_tag]


def test_unpublished_pinned_targets_are_left_out():
    article = ArticleFactory()
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    RelatedLinkFactory(from_article=article, to_article=draft)
    RelatedLinkFactory(from_article=article, to_article=scheduled)

    assert related(article) == []


def test_fallback_prefers_shared_tags_then_section_newest_first():
    section = SectionFactory()
    now = timezone.now()
    article = ArticleFactory(section=section, tags=["ai", "trade", "china"])
    two_tags = ArticleFactory(
        tags=["ai", "trade"], published_at=now - timedelta(days=5)
    )
    one_tag = ArticleFactory(tags=["china"], published_at=now - timedelta(days=1))
    same_section_old = ArticleFactory(
        section=section, published_at=now - timedelta(days=9)
    )
    same_section_new = ArticleFactory(
        section=section, published_at=now - timedelta(days=2)
    )
    ArticleFactory(tags=["climate"])  # shares nothing

    assert related(article) == [two_tags, one_tag, same_section_new, same_section_old]


def test_never_the_article_itself_and_never_duplicates():
    section = SectionFactory()
    article = ArticleFactory(section=section, tags=["ai", "trade"])
    other = ArticleFactory(section=section, tags=["ai", "trade"])
    RelatedLinkFactory(from_article=article, to_article=other)

    assert related(article) == [other]


def test_unpublished_fallback_candidates_are_left_out():
    section = SectionFactory()
    article = ArticleFactory(section=section, tags=["ai"])
    ArticleFactory(section=section, tags=["ai"], draft=True)
    ArticleFactory(section=section, tags=["ai"], scheduled=True)

    assert related(article) == []


def test_limit_is_respected():
    section = SectionFactory()
    article = ArticleFactory(section=section)
    ArticleFactory.create_batch(4, section=section)

    assert len(related(article, limit=3)) == 3


def test_article_page_lists_related_links(client):
    article = ArticleFactory()
    target = ArticleFactory(headline="The earlier round")
    RelatedLinkFactory(from_article=article, to_article=target)

    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{target.get_absolute_url()}"' in page
    assert "No related articles found" not in page
