from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, KeyTakeaway, RelatedLink, TransitionError
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    KeyTakeawayFactory,
    RelatedLinkFactory,
    SectionFactory,
    ready_article,
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


class TestLatestPerSection:
    @pytest.fixture
    def sections(self):
        now = timezone.now()
        sections = [SectionFactory(), SectionFactory(), SectionFactory()]
        for days, section in enumerate(sections[:2] * 4):
            ArticleFactory(section=section, published_at=now - timedelta(days=days))
        ArticleFactory(section=sections[0], draft=True)
        return sections

    def newest(self, queryset, section, count):
        return list(queryset.filter(section=section).newest_first()[:count])

    def test_newest_of_each_section_within_the_queryset(self, sections):
        published = Article.objects.published()
        latest = published.latest_per_section(2, sections).newest_first()

        expected = self.newest(published, sections[0], 2) + self.newest(
            published, sections[1], 2
        )
        assert sorted(latest, key=lambda a: a.pk) == sorted(
            expected, key=lambda a: a.pk
        )

    def test_the_queryset_filters_apply_before_the_limit(self, sections):
        first = self.newest(Article.objects.published(), sections[0], 1)[0]
        rest = Article.objects.published().exclude(pk=first.pk)

        latest = list(rest.latest_per_section(1, sections[:1]))

        assert latest == self.newest(rest, sections[0], 1)
        assert first not in latest

    def test_a_filter_on_the_stand_in_section_id_still_works(self, sections):
        # -1 stands for the section in the repeated sub-select; a queryset
        # comparing something else with -1 is built the slow, plain way.
        queryset = Article.objects.published().exclude(pk=-1)

        latest = set(queryset.latest_per_section(3, sections))

        assert latest == set(
            self.newest(queryset, sections[0], 3)
            + self.newest(queryset, sections[1], 3)
        )

    def test_no_sections_no_articles(self, sections):
        assert list(Article.objects.published().latest_per_section(2, [])) == []


class TestArticleRules:
    def test_published_article_must_have_a_publish_time(self):
        with pytest.raises(IntegrityError):
            ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)

    def test_hero_uses_the_library_image_text(self):
        article = ArticleFactory(with_hero=True)
        hero = article.hero
        assert hero.alt == "A flag against a clear sky"
        assert hero.caption == "The flag over the ministry."
        assert hero.credit == "Photo: Newsroom Studio"
        assert (hero.width, hero.height) == (160, 90)
        assert hero.url == article.hero_image.file.url
        assert hero.image == article.hero_image

    def test_per_use_alt_text_and_caption_win(self):
        article = ArticleFactory(
            with_hero=True,
            hero_image_alt="The flag at half-mast after the vote",
            hero_image_caption="Lowered on Tuesday.",
        )
        assert article.hero.alt == "The flag at half-mast after the vote"
        assert article.hero.caption == "Lowered on Tuesday."

    def test_decorative_image_has_empty_alt(self):
        article = ArticleFactory(
            hero_image=ImageFactory(alt_text="", is_decorative=True)
        )
        assert article.hero.alt == ""

    def test_no_hero_image_no_hero(self):
        assert ArticleFactory().hero is None

    def test_publishing_needs_hero_credit_and_copyright(self, editor):
        article = ready_article(hero_image=ImageFactory(copyright=""))
        with pytest.raises(TransitionError, match="copyright"):
            article.publish(by=editor)
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT

        article.hero_image.copyright = "CC BY 4.0"
        article.hero_image.save()
        article.publish(by=editor)
        assert article.status == Article.Status.PUBLISHED

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
