from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, KeyTakeaway, RelatedLink
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    KeyTakeawayFactory,
    RelatedLinkFactory,
)

pytestmark = pytest.mark.django_db


class TestPublishedQuerySet:
    def test_only_published_articles_whose_time_has_come(self):
        live = ArticleFactory()
        ArticleFactory(draft=True)
        ArticleFactory(scheduled=True)
        ArticleFactory(status=Article.Status.IN_REVIEW, published_at=timezone.now())

        assert list(Article.objects.published()) == [live]

    def test_scheduled_article_appears_once_its_time_passes(self):
        article = ArticleFactory(published_at=timezone.now() + timedelta(seconds=1))
        assert not Article.objects.published().exists()

        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() - timedelta(seconds=1)
        )
        assert list(Article.objects.published()) == [article]

    def test_newest_first(self):
        older = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
        newer = ArticleFactory(published_at=timezone.now() - timedelta(hours=2))

        assert list(Article.objects.published()) == [newer, older]


class TestArticleRules:
    def test_published_article_must_have_a_publish_time(self):
        with pytest.raises(IntegrityError):
            ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)

    def test_hero_image_without_alt_text_is_invalid(self):
        article = ArticleFactory.build(with_hero=True, hero_image_alt="  ")
        with pytest.raises(ValidationError) as error:
            article.full_clean(exclude=["section"])
        assert "hero_image_alt" in error.value.message_dict

    def test_database_refuses_hero_image_without_alt_text(self):
        article = ArticleFactory(with_hero=True)
        with pytest.raises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=article.pk).update(hero_image_alt="")

    def test_slug_is_derived_from_headline_when_left_empty(self):
        article = ArticleFactory(slug="", headline="A Digital Ceasefire? Talks Open")
        assert article.slug == "a-digital-ceasefire-talks-open"

    def test_slug_is_unique(self):
        ArticleFactory(slug="same")
        with pytest.raises(IntegrityError):
            ArticleFactory(slug="same")

    def test_body_is_sanitised_when_saved(self):
        article = ArticleFactory(
            body='<p onclick="steal()">Hi<script>alert(1)</script></p>'
            '<a href="javascript:alert(1)">x</a>'
        )
        article.refresh_from_db()
        assert article.body == '<p>Hi</p><a rel="noopener noreferrer">x</a>'

    def test_authors_keep_byline_order(self):
        second, first = AuthorFactory(name="Zoe Second"), AuthorFactory(name="Al First")
        article = ArticleFactory(authors=[second, first])

        bylined = list(article.authors.order_by("byline__position"))
        assert bylined == [second, first]


class TestKeyTakeaways:
    def test_listed_in_their_position_order(self):
        article = ArticleFactory()
        third = KeyTakeawayFactory(article=article, position=3, text="Third.")
        first = KeyTakeawayFactory(article=article, position=1, text="First.")
        second = KeyTakeawayFactory(article=article, position=2, text="Second.")

        assert list(article.takeaways.all()) == [first, second, third]

    @pytest.mark.parametrize(
        "text",
        [
            "The talks resumed on Monday.",
            "Officials in the U.S. welcomed the move.",
            "Tariffs fell by 2.5 percent in March.",
            "J. Smith, the envoy, left early.",
        ],
    )
    def test_one_sentence_is_accepted(self, text):
        KeyTakeaway(article=ArticleFactory(), text=text).full_clean()

    @pytest.mark.parametrize(
        "text",
        [
            "The talks resumed. Both sides agreed to meet again.",
            "Will it last? Nobody knows.",
            "First line\nsecond line",
        ],
    )
    def test_more_than_one_sentence_is_refused(self, text):
        with pytest.raises(ValidationError, match="one sentence"):
            KeyTakeaway(article=ArticleFactory(), text=text).full_clean()

    def test_length_is_capped(self):
        takeaway = KeyTakeaway(
            article=ArticleFactory(), text="a" * (KeyTakeaway.MAX_LENGTH + 1)
        )
        with pytest.raises(ValidationError) as error:
            takeaway.full_clean()
        assert "text" in error.value.message_dict


class TestRelatedLinks:
    def test_an_article_cannot_link_to_itself(self):
        article = ArticleFactory()
        link = RelatedLink(from_article=article, to_article=article)
        with pytest.raises(ValidationError, match="cannot link to itself"):
            link.full_clean()
        with pytest.raises(IntegrityError):
            link.save()

    def test_the_same_target_cannot_be_linked_twice(self):
        link = RelatedLinkFactory()
        duplicate = RelatedLink(
            from_article=link.from_article, to_article=link.to_article, position=9
        )
        with pytest.raises(ValidationError, match="already linked"):
            duplicate.full_clean()
        with pytest.raises(IntegrityError):
            duplicate.save()

    def test_listed_in_their_position_order(self):
        article = ArticleFactory()
        later = RelatedLinkFactory(from_article=article, position=2)
        sooner = RelatedLinkFactory(from_article=article, position=1)

        assert list(article.related_links.all()) == [sooner, later]
