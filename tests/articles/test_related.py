from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["by-key", "on-its-page"])
def related(request):
    """An article's related articles as related_to() finds them for any
    article, and as its public page finds them (on PostgreSQL, by a query of
    its own keyed by the slug: articles.related.related_sql_by_slug)."""

    def by_key(article, limit=5):
        return list(Article.objects.related_to(article, limit=limit))

    def on_its_page(article, limit=5):
        return Article.objects.published_page(article.slug, related_limit=limit).related

    return by_key if request.param == "by-key" else on_its_page


def test_pinned_links_come_first_in_their_order(related):
    section = SectionFactory()
    article = ArticleFactory(section=section, tags=["ai"])
    same_tag = ArticleFactory(section=section, tags=["ai"])
    pinned_second = ArticleFactory()
    pinned_first = ArticleFactory()
    RelatedLinkFactory(from_article=article, to_article=pinned_second, position=2)
    RelatedLinkFactory(from_article=article, to_article=pinned_first, position=1)

    assert related(article) == [pinned_first, pinned_second, same_tag]


def test_unpublished_pinned_targets_are_left_out(related):
    article = ArticleFactory()
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    RelatedLinkFactory(from_article=article, to_article=draft)
    RelatedLinkFactory(from_article=article, to_article=scheduled)

    assert related(article) == []


def test_fallback_prefers_shared_tags_then_section_newest_first(related):
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


def test_never_the_article_itself_and_never_duplicates(related):
    section = SectionFactory()
    article = ArticleFactory(section=section, tags=["ai", "trade"])
    other = ArticleFactory(section=section, tags=["ai", "trade"])
    RelatedLinkFactory(from_article=article, to_article=other)

    assert related(article) == [other]


def test_unpublished_fallback_candidates_are_left_out(related):
    section = SectionFactory()
    article = ArticleFactory(section=section, tags=["ai"])
    ArticleFactory(section=section, tags=["ai"], draft=True)
    ArticleFactory(section=section, tags=["ai"], scheduled=True)

    assert related(article) == []


def test_limit_is_respected(related):
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


def test_pinned_links_fill_the_limit_in_their_order(related):
    section = SectionFactory()
    article = ArticleFactory(section=section, tags=["ai"])
    ArticleFactory(section=section, tags=["ai"])
    pinned = [ArticleFactory() for _ in range(3)]
    for position, target in enumerate(reversed(pinned)):
        RelatedLinkFactory(from_article=article, to_article=target, position=position)

    assert related(article, limit=2) == [pinned[2], pinned[1]]


def test_equal_shared_tags_rank_newest_first(related):
    now = timezone.now()
    article = ArticleFactory(tags=["ai", "trade"])
    older = ArticleFactory(tags=["trade"], published_at=now - timedelta(days=3))
    newer = ArticleFactory(tags=["ai"], published_at=now - timedelta(days=1))

    assert related(article) == [newer, older]


def test_an_article_without_tags_gets_its_section_newest_first(related):
    section = SectionFactory()
    now = timezone.now()
    article = ArticleFactory(section=section)
    old = ArticleFactory(section=section, published_at=now - timedelta(days=4))
    new = ArticleFactory(section=section, published_at=now - timedelta(days=2))
    ArticleFactory(tags=["ai"])  # another section

    assert related(article) == [new, old]


def test_only_the_newest_candidates_sharing_a_tag_are_ranked(monkeypatch, related):
    # Ranking stays bounded: an old article sharing every tag loses to newer
    # ones sharing one once it falls outside the newest candidates.
    monkeypatch.setattr(Article.objects._queryset_class, "RELATED_CANDIDATES", 2)
    article = ArticleFactory(tags=["ai", "trade"])
    old_two_tags = ArticleFactory(tags=["ai", "trade"])
    newer = [ArticleFactory(tags=["ai"]), ArticleFactory(tags=["trade"])]

    assert old_two_tags not in related(article)
    assert set(related(article)) == set(newer)


def test_candidates_merge_across_tags_before_the_window(related):
    # The window counts rows of all the article's tags together.
    article = ArticleFactory(tags=["ai", "trade", "china"])
    sharers = [ArticleFactory(tags=[tag]) for tag in ["ai", "trade", "china"] * 2]

    assert set(related(article, limit=10)) == set(sharers)


def test_articles_readers_cannot_see_take_no_place_in_the_window(monkeypatch, related):
    monkeypatch.setattr(Article.objects._queryset_class, "RELATED_CANDIDATES", 2)
    now = timezone.now()
    article = ArticleFactory(tags=["ai"], published_at=now - timedelta(days=9))
    visible = ArticleFactory(tags=["ai"], published_at=now - timedelta(days=5))
    ArticleFactory(tags=["ai"], draft=True)
    ArticleFactory(tags=["ai"], scheduled=True)
    ArticleFactory(tags=["ai"], scheduled=True)

    assert related(article) == [visible]


def test_more_shared_tags_win_over_a_page_of_newer_articles(related):
    # Ranked over the whole window, not only over the newest few.
    now = timezone.now()
    article = ArticleFactory(tags=["ai", "trade", "china"])
    best = ArticleFactory(
        tags=["ai", "trade", "china"], published_at=now - timedelta(days=30)
    )
    second = ArticleFactory(tags=["ai", "trade"], published_at=now - timedelta(days=20))
    newer = [
        ArticleFactory(tags=["ai"], published_at=now - timedelta(hours=n))
        for n in range(1, 6)
    ]

    assert related(article, limit=3) == [best, second, newer[0]]


def test_one_query_when_the_tags_are_prefetched(django_assert_num_queries):
    def related(article):
        return list(Article.objects.related_to(article, limit=5))

    article = ArticleFactory(tags=["ai"])
    ArticleFactory(tags=["ai"])
    prefetched = Article.objects.prefetch_related("tags").get(pk=article.pk)
    plain = Article.objects.get(pk=article.pk)

    with django_assert_num_queries(1):
        assert len(related(prefetched)) == 1
    with django_assert_num_queries(2):  # and one for the article's tags
        assert len(related(plain)) == 1
